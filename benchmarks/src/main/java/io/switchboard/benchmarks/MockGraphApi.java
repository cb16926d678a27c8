package io.switchboard.benchmarks;

import jakarta.servlet.AsyncContext;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * A stand-in for {@code graph.facebook.com}: answers every {@code POST /{version}/{id}/messages}
 * with a WhatsApp send receipt after a fixed latency, without holding a thread while it waits
 * (async servlet, completion from a {@link ScheduledExecutorService}). Records, per phone number
 * id, when each request arrived, so callers can compute the peak rate per number; optionally
 * keeps every request (path and body) so a baseline can replay exactly the same requests.
 */
final class MockGraphApi implements AutoCloseable {

  /** One recorded request. */
  record Captured(String path, byte[] body) {}

  private final Server server;
  private final ScheduledExecutorService delays;
  private final long latencyNanos;
  private final Map<String, Arrivals> arrivals = new ConcurrentHashMap<>();
  private final ConcurrentLinkedQueue<Captured> captured = new ConcurrentLinkedQueue<>();
  private final AtomicLong ids = new AtomicLong();
  private volatile boolean capture;
  private final int port;

  MockGraphApi(long latencyMillis) throws Exception {
    this.latencyNanos = TimeUnit.MILLISECONDS.toNanos(latencyMillis);
    this.delays = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "mock-graph-delay");
      t.setDaemon(true);
      return t;
    });
    QueuedThreadPool pool = new QueuedThreadPool(64, 8);
    pool.setName("mock-graph");
    pool.setDaemon(true);
    server = new Server(pool);
    HttpConfiguration config = new HttpConfiguration();
    config.setSendServerVersion(false);
    config.setSendDateHeader(false);
    ServerConnector connector = new ServerConnector(server, 1, 1, new HttpConnectionFactory(config));
    connector.setHost("127.0.0.1");
    connector.setPort(0);
    connector.setAcceptQueueSize(1024);
    connector.setIdleTimeout(120_000);
    server.addConnector(connector);
    ServletContextHandler context = new ServletContextHandler();
    ServletHolder holder = new ServletHolder(new MessagesServlet());
    holder.setAsyncSupported(true);
    context.addServlet(holder, "/*");
    server.setHandler(context);
    server.start();
    this.port = connector.getLocalPort();
  }

  /** The base URL to configure as the Graph API base. */
  String baseUrl() {
    return "http://127.0.0.1:" + port;
  }

  /** Forgets every recorded arrival (and captured request); call between measurements. */
  void reset(boolean captureRequests) {
    arrivals.clear();
    captured.clear();
    capture = captureRequests;
  }

  /** Requests kept since the last {@link #reset(boolean)} with capture on, in arrival order. */
  List<Captured> captured() {
    return new ArrayList<>(captured);
  }

  /** Total requests recorded since the last reset. */
  long total() {
    return arrivals.values().stream().mapToLong(Arrivals::size).sum();
  }

  /** The largest number of requests one phone number id received in any one-second window. */
  Map<String, Integer> peakPerSecondByNumber() {
    Map<String, Integer> out = new java.util.HashMap<>();
    arrivals.forEach((number, a) -> out.put(number, a.peakPerSecond()));
    return out;
  }

  /** Where the busiest number's peak window starts, in ms after its first request. */
  int peakWindowOffsetMillis() {
    return arrivals.values().stream().map(Arrivals::peak).max(java.util.Comparator.comparingInt(p -> p[0]))
        .map(p -> p[1]).orElse(0);
  }

  /**
   * Stall signature of the busiest number: {longest gap between consecutive requests in ms, most
   * requests in any 50 ms window}.
   */
  int[] stallSignature() {
    Arrivals busiest = arrivals.values().stream()
        .max(java.util.Comparator.comparingInt(Arrivals::size)).orElse(null);
    return busiest == null ? new int[] {0, 0} : busiest.stallSignature();
  }

  @Override
  public void close() throws Exception {
    server.stop();
    delays.shutdownNow();
  }

  /** Arrival times (System.nanoTime) of one phone number's requests. */
  private static final class Arrivals {
    private long[] times = new long[1024];
    private int size;

    synchronized void add(long t) {
      if (size == times.length) {
        times = Arrays.copyOf(times, size * 2);
      }
      times[size++] = t;
    }

    synchronized int size() {
      return size;
    }

    /** Max requests in any window [t, t + 1 s), over all t. */
    synchronized int peakPerSecond() {
      return peak()[0];
    }

    synchronized int[] stallSignature() {
      long[] t = Arrays.copyOf(times, size);
      Arrays.sort(t);
      long gap = 0;
      int best = 0;
      int start = 0;
      for (int end = 0; end < t.length; end++) {
        if (end > 0) {
          gap = Math.max(gap, t[end] - t[end - 1]);
        }
        while (t[end] - t[start] >= 50_000_000L) {
          start++;
        }
        best = Math.max(best, end - start + 1);
      }
      return new int[] {(int) (gap / 1_000_000), best};
    }

    /** {peak, offset in ms of the peak window's first arrival from the first arrival}. */
    synchronized int[] peak() {
      long[] t = Arrays.copyOf(times, size);
      Arrays.sort(t);
      int best = 0;
      int bestStart = 0;
      int start = 0;
      for (int end = 0; end < t.length; end++) {
        while (t[end] - t[start] >= 1_000_000_000L) {
          start++;
        }
        if (end - start + 1 > best) {
          best = end - start + 1;
          bestStart = start;
        }
      }
      return new int[] {best, t.length == 0 ? 0 : (int) ((t[bestStart] - t[0]) / 1_000_000)};
    }
  }

  private final class MessagesServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;

    @Override
    protected void doPost(HttpServletRequest req, HttpServletResponse resp) throws IOException {
      long arrived = System.nanoTime();
      String path = req.getRequestURI(); // /v26.0/{phone_number_id}/messages
      int end = path.lastIndexOf("/messages");
      int start = path.lastIndexOf('/', end - 1);
      if (end < 0 || start < 0 || !path.endsWith("/messages")) {
        resp.sendError(404);
        return;
      }
      String number = path.substring(start + 1, end);
      byte[] body;
      try (InputStream in = req.getInputStream()) {
        body = in.readAllBytes(); // small; already buffered with the headers
      }
      arrivals.computeIfAbsent(number, n -> new Arrivals()).add(arrived);
      if (capture) {
        captured.add(new Captured(path, body));
      }
      byte[] answer = ("{\"messaging_product\":\"whatsapp\",\"contacts\":[{\"input\":\"16505550000\",\"wa_id\":"
          + "\"16505550000\"}],\"messages\":[{\"id\":\"wamid.MOCK" + ids.incrementAndGet() + "\"}]}")
          .getBytes(StandardCharsets.UTF_8);
      AsyncContext async = req.startAsync();
      async.setTimeout(0);
      long delay = latencyNanos - (System.nanoTime() - arrived);
      delays.schedule(() -> {
        try {
          HttpServletResponse r = (HttpServletResponse) async.getResponse();
          r.setStatus(200);
          r.setContentType("application/json");
          r.setContentLength(answer.length);
          r.getOutputStream().write(answer);
        } catch (IOException | RuntimeException e) {
          // the client went away; nothing to do
        } finally {
          async.complete();
        }
      }, Math.max(0, delay), TimeUnit.NANOSECONDS);
    }
  }
}
