package io.switchboard.webhook.servlet;

import io.switchboard.webhook.WebhookProcessor;
import io.switchboard.webhook.WebhookRequest;
import io.switchboard.webhook.WebhookResponse;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
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
    long declared = req.getContentLengthLong();
    if (declared > max) {
      write(resp, WebhookResponse.error(413, "body exceeds " + max + " bytes"));
      return;
    }
    byte[] body = readCapped(req.getInputStream(), declared, max);
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

  /**
   * Reads the body, or returns null as soon as it exceeds {@code max} bytes. Reads straight into
   * the array it returns, sized from {@code Content-Length} when the client sent one (so a
   * notification costs one array of its own size, not a copy through 16 KB and 64 KB buffers), and
   * grown by doubling when it did not (chunked).
   */
  static byte[] readCapped(InputStream in, long declared, int max) throws IOException {
    byte[] body = new byte[declared >= 0 ? (int) Math.min(declared, max) : Math.min(max, 8 * 1024)];
    int length = 0;
    while (true) {
      if (length == body.length) {
        int next = in.read();
        if (next == -1) {
          return body;
        }
        if (length == max) {
          return null;
        }
        body = Arrays.copyOf(body, (int) Math.min(max, Math.max(1024, 2L * length)));
        body[length++] = (byte) next;
      }
      int n = in.read(body, length, body.length - length);
      if (n == -1) {
        return length == body.length ? body : Arrays.copyOf(body, length);
      }
      length += n;
    }
  }

  private static void write(HttpServletResponse resp, WebhookResponse answer) throws IOException {
    byte[] bytes = answer.body().getBytes(StandardCharsets.UTF_8);
    resp.setStatus(answer.status());
    resp.setContentType(answer.contentType());
    resp.setContentLength(bytes.length);
    resp.getOutputStream().write(bytes);
  }
}
