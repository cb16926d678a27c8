package io.switchboard.benchmarks;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Latency percentiles from raw samples: the samples are kept (a growable {@code long[]}) and sorted
 * once, so the percentiles are exact (no histogram buckets, no dependency). Not thread-safe unless
 * {@link #add} is called under a lock, which {@link #addSynchronized} does.
 */
final class Stats {

  private long[] values;
  private int size;

  Stats(int capacity) {
    values = new long[Math.max(16, capacity)];
  }

  void add(long value) {
    if (size == values.length) {
      values = Arrays.copyOf(values, values.length * 2);
    }
    values[size++] = value;
  }

  synchronized void addSynchronized(long value) {
    add(value);
  }

  int size() {
    return size;
  }

  /** Sorted copy of the samples. */
  Sorted sorted() {
    long[] copy = Arrays.copyOf(values, size);
    Arrays.sort(copy);
    return new Sorted(copy);
  }

  /** Percentiles of sorted samples (nearest rank). */
  record Sorted(long[] values) {
    long percentile(double p) {
      if (values.length == 0) {
        return 0;
      }
      int rank = (int) Math.ceil(p / 100.0 * values.length);
      return values[Math.min(values.length - 1, Math.max(0, rank - 1))];
    }

    long max() {
      return values.length == 0 ? 0 : values[values.length - 1];
    }

    double mean() {
      double sum = 0;
      for (long v : values) {
        sum += v;
      }
      return values.length == 0 ? 0 : sum / values.length;
    }

    /** p50, p99, p99.9, max and mean, in the samples' unit. */
    Map<String, Object> summary() {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("count", values.length);
      m.put("p50", percentile(50));
      m.put("p99", percentile(99));
      m.put("p99_9", percentile(99.9));
      m.put("max", max());
      m.put("mean", Math.round(mean() * 10) / 10.0);
      return m;
    }
  }

  /** Formats nanoseconds as milliseconds with two decimals. */
  static String ms(long nanos) {
    return String.format(Locale.ROOT, "%.2f", nanos / 1e6);
  }

  /** Formats nanoseconds as microseconds with one decimal. */
  static String us(long nanos) {
    return String.format(Locale.ROOT, "%.1f", nanos / 1e3);
  }
}
