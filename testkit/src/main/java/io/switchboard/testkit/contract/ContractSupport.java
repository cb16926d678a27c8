package io.switchboard.testkit.contract;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;

/** Helpers shared by the contract suites. Not part of the API. */
final class ContractSupport {

  /** A fixed, microsecond-precision base time, so every database stores it exactly. */
  static final Instant T0 = Instant.parse("2026-03-01T10:15:30.123456Z");

  /** Text with characters from several planes: accents, CJK, emoji, RTL. */
  static final String UNICODE = "Grüße ✓ 你好 مرحبا 👋🏽 \u00e9\u0301 \"q\" 'a' \\ <tag> & ;";

  private ContractSupport() {}

  static Instant at(long seconds) {
    return T0.plusSeconds(seconds).truncatedTo(ChronoUnit.MICROS);
  }

  /**
   * Runs {@code threads} tasks that all start at the same moment and waits for every result.
   * Rethrows the first failure.
   */
  static <T> List<T> runConcurrently(int threads, IntFunction<Callable<T>> task) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    CountDownLatch ready = new CountDownLatch(threads);
    CountDownLatch go = new CountDownLatch(1);
    try {
      List<Future<T>> futures = new ArrayList<>();
      for (int i = 0; i < threads; i++) {
        Callable<T> work = task.apply(i);
        futures.add(pool.submit(() -> {
          ready.countDown();
          go.await();
          return work.call();
        }));
      }
      ready.await(30, TimeUnit.SECONDS);
      go.countDown();
      List<T> results = new ArrayList<>();
      for (Future<T> f : futures) {
        try {
          results.add(f.get(120, TimeUnit.SECONDS));
        } catch (ExecutionException e) {
          if (e.getCause() instanceof Exception ex) {
            throw ex;
          }
          throw e;
        }
      }
      return results;
    } finally {
      pool.shutdownNow();
      pool.awaitTermination(30, TimeUnit.SECONDS);
    }
  }

  /** A string of about {@code bytes} UTF-8 bytes mixing ASCII JSON and multi-byte characters. */
  static String largeText(int bytes) {
    StringBuilder sb = new StringBuilder(bytes);
    sb.append("{\"entry\":[");
    int i = 0;
    while (sb.length() < bytes - 200) {
      sb.append("{\"n\":").append(i++).append(",\"text\":\"Grüße 你好 👋 payload line\"},");
    }
    sb.append("{\"end\":true}]}");
    return sb.toString();
  }
}
