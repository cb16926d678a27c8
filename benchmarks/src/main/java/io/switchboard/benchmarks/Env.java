package io.switchboard.benchmarks;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The machine, JVM and commit a report was measured on, and report writing helpers. */
final class Env {

  static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  /** USER_HZ, the unit of {@code /proc/<pid>/stat} times: 100 on every Linux the JDK runs on. */
  private static final long CLOCK_TICKS_PER_SECOND = 100;

  private Env() {}

  static Map<String, Object> describe() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("measured_at", Instant.now().toString());
    m.put("commit", commit());
    m.put("jvm", System.getProperty("java.vm.name") + " " + Runtime.version() + " (" + System.getProperty("java.vendor")
        + ")");
    m.put("jvm_args", ManagementFactory.getRuntimeMXBean().getInputArguments());
    m.put("cores", Runtime.getRuntime().availableProcessors());
    m.put("max_heap_mb", Runtime.getRuntime().maxMemory() >> 20);
    m.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version") + " " + System.getProperty("os.arch"));
    m.put("cpu", cpuModel());
    return m;
  }

  static String commit() {
    String fromProperty = System.getProperty("bench.commit");
    if (fromProperty != null && !fromProperty.isBlank()) {
      return fromProperty;
    }
    try {
      Process p = new ProcessBuilder("git", "rev-parse", "--short", "HEAD").redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
      Process d = new ProcessBuilder("git", "status", "--porcelain", "--untracked-files=no")
          .redirectErrorStream(true).start();
      String dirty = new String(d.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
      return p.waitFor() == 0 ? out + (dirty.isEmpty() ? "" : " (with uncommitted changes)") : "unknown";
    } catch (IOException | InterruptedException e) {
      return "unknown";
    }
  }

  private static String cpuModel() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
        if (line.startsWith("model name")) {
          return line.substring(line.indexOf(':') + 1).trim();
        }
      }
    } catch (IOException | RuntimeException e) {
      // not Linux
    }
    return "unknown";
  }

  static void write(Path file, String text) throws IOException {
    Files.createDirectories(file.toAbsolutePath().getParent());
    Files.writeString(file, text);
  }

  static void writeJson(Path file, Object value) throws IOException {
    Files.createDirectories(file.toAbsolutePath().getParent());
    JSON.writeValue(file.toFile(), value);
  }

  /**
   * The command-line words: exec:exec passes {@code -Dbench.args} as one argument, so every
   * argument is split at whitespace.
   */
  static String[] words(String[] rawArgs) {
    return java.util.Arrays.stream(rawArgs).flatMap(a -> java.util.Arrays.stream(a.trim().split("\\s+")))
        .filter(a -> !a.isEmpty()).toArray(String[]::new);
  }

  static String opt(String[] rawArgs, String name, String def) {
    String[] args = words(rawArgs);
    for (int i = 0; i < args.length - 1; i++) {
      if (args[i].equals(name)) {
        return args[i + 1];
      }
    }
    return def;
  }

  /** CPU time of this whole JVM (every thread: harness, server, JIT, GC), in ns. */
  static long processCpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime();
  }

  /** CPU time of each live Java thread of this JVM, by thread id, in ns. */
  static Map<Long, Long> threadCpuNanos() {
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    Map<Long, Long> cpu = new HashMap<>();
    for (long id : threads.getAllThreadIds()) {
      long nanos = threads.getThreadCpuTime(id);
      if (nanos >= 0) {
        cpu.put(id, nanos);
      }
    }
    return cpu;
  }

  /**
   * CPU used since {@code before} by the live threads whose names start with each prefix, in ns
   * (threads started since count from zero; threads that ended since are not counted).
   */
  static Map<String, Long> threadCpuDeltaByPrefix(Map<Long, Long> before, String... prefixes) {
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    Map<String, Long> sums = new LinkedHashMap<>();
    for (String prefix : prefixes) {
      sums.put(prefix, 0L);
    }
    for (ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
      if (info == null) {
        continue;
      }
      long nanos = threads.getThreadCpuTime(info.getThreadId());
      for (String prefix : prefixes) {
        if (nanos >= 0 && info.getThreadName().startsWith(prefix)) {
          sums.merge(prefix, nanos - before.getOrDefault(info.getThreadId(), 0L), Long::sum);
        }
      }
    }
    return sums;
  }

  /**
   * CPU time of a process and its children in ns (Linux {@code /proc}): its own user + system
   * time, what its exited children used (reaped by it), and what its live children used so far.
   * For a PostgreSQL postmaster that is the whole server: backends, checkpointer, WAL writer.
   *
   * @return the time, or -1 where {@code /proc} is not available
   */
  static long processTreeCpuNanos(long pid) {
    long[] self = procStatTicks(pid);
    if (self == null) {
      return -1;
    }
    long ticks = self[0] + self[1] + self[2] + self[3];
    for (ProcessHandle child : ProcessHandle.of(pid).map(h -> h.children().toList()).orElse(List.of())) {
      long[] c = procStatTicks(child.pid());
      if (c != null) {
        ticks += c[0] + c[1];
      }
    }
    return ticks * (1_000_000_000L / CLOCK_TICKS_PER_SECOND);
  }

  /** utime, stime, cutime, cstime of {@code /proc/<pid>/stat}, or null. */
  private static long[] procStatTicks(long pid) {
    try {
      String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
      // the command name (field 2) may contain spaces; the fields after it start after the last ')'
      String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      // f[0] is field 3 (state); utime is field 14
      return new long[] {Long.parseLong(f[11]), Long.parseLong(f[12]), Long.parseLong(f[13]), Long.parseLong(f[14])};
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }

  static long gcUsedHeap() {
    Runtime rt = Runtime.getRuntime();
    long used = Long.MAX_VALUE;
    for (int i = 0; i < 5; i++) {
      System.gc();
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      used = Math.min(used, rt.totalMemory() - rt.freeMemory());
    }
    return used;
  }
}
