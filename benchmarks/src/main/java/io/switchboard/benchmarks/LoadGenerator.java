package io.switchboard.benchmarks;

import io.switchboard.Secret;
import io.switchboard.webhook.WebhookSignature;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * The webhook load generator, run by {@link InboundThroughput} in its own JVM (same classpath) so
 * its CPU use and GC do not happen inside the measured server's JVM. Reads commands from stdin, one
 * per line, and answers each with one {@code RESULT} line on stdout:
 *
 * <pre>
 * RUN &lt;url&gt; &lt;posts-per-second, 0 = saturation&gt; &lt;messages-per-post&gt; &lt;seconds&gt; &lt;connections&gt; &lt;tag&gt;
 * QUIT
 * </pre>
 *
 * Bodies are WhatsApp {@code messages} notifications with unique message ids (prefix = tag),
 * round robin over the phone number ids given as the second argument, signed with the app secret
 * (first argument) before the clock starts (up to a memory cap; beyond it they are built and signed
 * on the sending thread). At most {@code connections} requests are in flight (so at most that many
 * HTTP/1.1 connections, like Meta's bounded delivery). Latency is from the request being handed to
 * the client to the response being complete.
 */
public final class LoadGenerator {

  private static final long PREGENERATE_BYTES = 160L << 20;

  private LoadGenerator() {}

  public static void main(String[] args) throws Exception {
    Secret secret = Secret.of(args[0]);
    String[] phones = args[1].split(",");
    ExecutorService executor = Executors.newFixedThreadPool(2, r -> {
      Thread t = new Thread(r, "loadgen-http");
      t.setDaemon(true);
      return t;
    });
    HttpClient client = HttpClient.newBuilder()
        .version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(Duration.ofSeconds(5))
        .executor(executor)
        .build();
    BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    String line;
    while ((line = in.readLine()) != null) {
      String[] c = line.trim().split(" ");
      if (c[0].equals("QUIT")) {
        break;
      }
      if (!c[0].equals("RUN")) {
        continue;
      }
      String result = run(client, secret, phones, URI.create(c[1]), Integer.parseInt(c[2]), Integer.parseInt(c[3]),
          Double.parseDouble(c[4]), Integer.parseInt(c[5]), c[6]);
      System.out.println(result);
      System.out.flush();
    }
    System.exit(0);
  }

  private record Body(byte[] bytes, String signature) {}

  private static Body body(Secret secret, String[] phones, String tag, long n, int messages) {
    byte[] bytes = Payloads.whatsApp(phones[(int) (n % phones.length)], tag + "_" + n, messages);
    return new Body(bytes, WebhookSignature.sign(secret, bytes));
  }

  private static String run(HttpClient client, Secret secret, String[] phones, URI uri, int rate, int messages,
      double seconds, int connections, String tag) throws InterruptedException {
    // pre-sign what the run should need (bounded by memory); the rest is built on demand
    long bodySize = Payloads.whatsApp(phones[0], tag + "_0", messages).length;
    long wanted = rate > 0 ? (long) (rate * seconds * 1.02) + 16 : (long) (seconds * (messages == 1 ? 20_000 : 1_000));
    int pre = (int) Math.min(wanted, PREGENERATE_BYTES / bodySize);
    Body[] bodies = new Body[pre];
    for (int i = 0; i < pre; i++) {
      bodies[i] = body(secret, phones, tag, i, messages);
    }

    Semaphore permits = new Semaphore(connections);
    AtomicInteger ok = new AtomicInteger();
    AtomicInteger errors = new AtomicInteger();
    AtomicLong lastDone = new AtomicLong();
    Stats latencies = new Stats((int) Math.min(wanted, 2_000_000));
    AtomicInteger firstErrorStatus = new AtomicInteger();
    long start = System.nanoTime();
    long end = start + (long) (seconds * 1e9);
    long sent = 0;
    long intervalNanos = rate > 0 ? 1_000_000_000L / rate : 0;
    while (true) {
      long now = System.nanoTime();
      if (now >= end) {
        break;
      }
      if (rate > 0) {
        long due = start + sent * intervalNanos;
        if (now < due) {
          LockSupport.parkNanos(Math.min(due - now, 200_000));
          continue;
        }
      }
      if (!permits.tryAcquire(Math.max(1, end - now), TimeUnit.NANOSECONDS)) {
        break;
      }
      Body b = sent < pre ? bodies[(int) sent] : body(secret, phones, tag, sent, messages);
      HttpRequest request = HttpRequest.newBuilder(uri)
          .timeout(Duration.ofSeconds(30))
          .header("Content-Type", "application/json")
          .header(WebhookSignature.HEADER, b.signature())
          .POST(HttpRequest.BodyPublishers.ofByteArray(b.bytes()))
          .build();
      long t0 = System.nanoTime();
      sent++;
      client.sendAsync(request, HttpResponse.BodyHandlers.discarding()).whenComplete((response, failure) -> {
        long t1 = System.nanoTime();
        if (failure == null && response.statusCode() == 200) {
          ok.incrementAndGet();
          latencies.addSynchronized(t1 - t0);
        } else {
          errors.incrementAndGet();
          firstErrorStatus.compareAndSet(0, failure == null ? response.statusCode() : -1);
        }
        lastDone.accumulateAndGet(t1, Math::max);
        permits.release();
      });
    }
    long sendEnd = System.nanoTime();
    boolean drained = permits.tryAcquire(connections, 60, TimeUnit.SECONDS);
    long finish = Math.max(lastDone.get(), sendEnd);
    double elapsed = (finish - start) / 1e9;
    Stats.Sorted s;
    synchronized (latencies) {
      s = latencies.sorted();
    }
    return String.format(Locale.ROOT,
        "RESULT %s sent=%d ok=%d errors=%d firstErrorStatus=%d drained=%b seconds=%.3f sendSeconds=%.3f "
            + "p50=%d p99=%d p999=%d max=%d bodyBytes=%d",
        tag, sent, ok.get(), errors.get(), firstErrorStatus.get(), drained, elapsed, (sendEnd - start) / 1e9,
        s.percentile(50), s.percentile(99), s.percentile(99.9), s.max(), bodySize);
  }
}
