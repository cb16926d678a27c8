package io.switchboard.webhook.servlet;

import io.switchboard.webhook.WebhookProcessor;
import io.switchboard.webhook.WebhookRequest;
import io.switchboard.webhook.WebhookResponse;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Mounts a {@link WebhookProcessor} as a Jakarta Servlet (6.0), for example at
 * {@code /webhooks/meta}:
 *
 * <pre>{@code
 * context.addServlet(new ServletHolder(new SwitchboardWebhookServlet(switchboard.webhooks())), "/webhooks/meta");
 * }</pre>
 *
 * <p>A thin adapter: it reads at most {@link WebhookProcessor#maxBodyBytes()} bytes (answering
 * {@code 413} past that without buffering the rest), hands the raw bytes to the processor and
 * writes its answer. The processor stores events before answering, so the answer reflects
 * durability. Thread-safe.
 */
public class SwitchboardWebhookServlet extends HttpServlet {

  private static final long serialVersionUID = 1L;

  private final transient WebhookProcessor processor;

  /**
   * Creates the servlet.
   *
   * @param processor from {@code Switchboard.webhooks()}
   */
  public SwitchboardWebhookServlet(WebhookProcessor processor) {
    this.processor = Objects.requireNonNull(processor, "processor");
  }

  @Override
  protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
    Map<String, String> query = new HashMap<>();
    for (Enumeration<String> names = req.getParameterNames(); names.hasMoreElements(); ) {
      String name = names.nextElement();
      query.put(name, req.getParameter(name));
    }
    write(resp, processor.handle(WebhookRequest.get(query)));
  }

  @Override
  protected void doPost(HttpServletRequest req, HttpServletResponse resp) throws IOException {
    int max = processor.maxBodyBytes();
    if (req.getContentLengthLong() > max) {
      write(resp, WebhookResponse.error(413, "body exceeds " + max + " bytes"));
      return;
    }
    byte[] body = readCapped(req.getInputStream(), max);
    if (body == null) {
      write(resp, WebhookResponse.error(413, "body exceeds " + max + " bytes"));
      return;
    }
    Map<String, String> headers = new HashMap<>();
    for (Enumeration<String> names = req.getHeaderNames(); names.hasMoreElements(); ) {
      String name = names.nextElement();
      headers.put(name, req.getHeader(name));
    }
    write(resp, processor.handle(WebhookRequest.post(body, headers)));
  }

  /** Reads the body, or returns null as soon as it exceeds {@code max} bytes. */
  private static byte[] readCapped(InputStream in, int max) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream(Math.min(max, 64 * 1024));
    byte[] buf = new byte[16 * 1024];
    long total = 0;
    int n;
    while ((n = in.read(buf)) != -1) {
      total += n;
      if (total > max) {
        return null;
      }
      out.write(buf, 0, n);
    }
    return out.toByteArray();
  }

  private static void write(HttpServletResponse resp, WebhookResponse answer) throws IOException {
    byte[] bytes = answer.body().getBytes(StandardCharsets.UTF_8);
    resp.setStatus(answer.status());
    resp.setContentType(answer.contentType());
    resp.setContentLength(bytes.length);
    resp.getOutputStream().write(bytes);
  }
}
