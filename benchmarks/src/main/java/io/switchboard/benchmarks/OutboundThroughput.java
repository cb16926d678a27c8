package io.switchboard.benchmarks;

import io.switchboard.ChannelType;
import io.switchboard.Secret;
import io.switchboard.Switchboard;
import io.switchboard.TenantId;
import io.switchboard.channel.whatsapp.WhatsAppChannel;
import io.switchboard.connection.ConnectRequest;
import io.switchboard.crypto.Keyring;
import io.switchboard.message.SendReceipt;
import io.switchboard.message.SendRequest;
import io.switchboard.message.Template;
import io.switchboard.message.TemplateComponent;
import io.switchboard.message.TemplateParameter;
import io.switchboard.outbox.ThroughputLimits;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import okhttp3.Call;
import okhttp3.Callback;
import okhttp3.ConnectionPool;
import okhttp3.Dispatcher;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/**
 * Outbound throughput of {@code Switchboard.send} with background dispatch and in-memory stores,
 * against a local mock Graph API that answers every send after a fixed latency (50 ms), compared
 * with the same requests sent by plain OkHttp async calls at the same concurrency.
 *
 * <p>Scenarios, each measured {@code --runs} times (default 2) after one warm-up:
 * <ol>
 *   <li>A: one WhatsApp number limited to 1,000 messages/s, 20,000 messages;
 *   <li>B80: 100 tenants with one number each at WhatsApp's default 80/s, 20,000 messages spread
 *       evenly (round robin);
 *   <li>B1000: the same with 1,000/s per number;
 *   <li>baseline: the requests B80 sent (same paths and JSON bodies), replayed with OkHttp
 *       {@code enqueue} keeping exactly {@code --concurrency} requests in flight.
 * </ol>
 * Throughput is measured from the first {@code send} call to the last acceptance (the
 * {@code MessageHandle.accepted()} future completing); peak rates per number are counted by the
 * mock at arrival, over every one-second window.
 *
 * <p>Options: {@code --concurrency N} (200; Switchboard's outboxConcurrency, OkHttp's maxRequests
 * and the baseline's in-flight requests), {@code --batch N} (outboxBatchSize, 200),
 * {@code --messages N} (20000), {@code --tenants N} (100), {@code --runs N} (2),
 * {@code --latency-ms N} (50), {@code --report PATH} (the figures also go to the same path with
 * {@code .json} instead of {@code .md}), {@code --scenarios A,B80,B1000,baseline} (all).
 */
public final class OutboundThroughput {

  private static final MediaType JSON = MediaType.get("application/json; charset=utf-8");
  private static final Template TEMPLATE = Template.builder("order_update", "en_US")
      .component(TemplateComponent.body(TemplateParameter.text("860198")))
      .build();

  private OutboundThroughput() {}

  private record Options(int concurrency, int batch, int messages, int tenants, int runs, long latencyMs, Path report,
      Set<String> scenarios) {
    boolean runs(String scenario) {
      return scenarios.contains(scenario);
    }
  }

  /** The result of one measurement. */
  private record Result(String scenario, int messages, int failed, double seconds, double enqueueSeconds,
      int numbers, int maxPeak, int limit, int violatingNumbers, long arrivedAtMock, double cpuMicrosPerMessage,
      double sendCallCpuMicros) {
    double rate() {
      return messages / seconds;
    }
  }

  public static void main(String[] rawArgs) throws Exception {
    Options o = parse(rawArgs);
    long started = System.nanoTime();
    String jvm = System.getProperty("java.vm.name") + " " + Runtime.version() + " (" + System.getProperty("java.vendor")
        + ")";
    int cores = Runtime.getRuntime().availableProcessors();
    System.out.printf(Locale.ROOT, "JVM %s, %d cores, args %s%n", jvm, cores,
        ManagementFactory.getRuntimeMXBean().getInputArguments());
    System.out.printf(Locale.ROOT, "concurrency %d, batch %d, %d messages, %d tenants, %d ms mock latency, %d runs%n",
        o.concurrency, o.batch, o.messages, o.tenants, o.latencyMs, o.runs);

    OkHttpClient http = httpClient(o.concurrency);
    List<Result> results = new ArrayList<>();
    try (MockGraphApi mock = new MockGraphApi(o.latencyMs)) {
      // warm-up: JIT-compile the send path, open the connections; not reported
      runSwitchboard(mock, http, o, "warm-up", 10, 1000, 4000, false);
      List<MockGraphApi.Captured> warmRequests = runCapture(mock, http, o, 10, 1000, 4000);
      runBaseline(mock, http, o, "warm-up", warmRequests);

      for (int run = 1; run <= o.runs; run++) {
        if (o.runs("A")) {
          results.add(print(runSwitchboard(mock, http, o, "A: 1 number @ 1000/s", 1, 1000, o.messages, false)));
        }
        List<MockGraphApi.Captured> requests = new ArrayList<>();
        if (o.runs("B80")) {
          results.add(print(runSwitchboard(mock, http, o, "B80: " + o.tenants + " numbers @ 80/s", o.tenants, 80,
              o.messages, true, requests)));
        }
        if (o.runs("B1000")) {
          results.add(print(runSwitchboard(mock, http, o, "B1000: " + o.tenants + " numbers @ 1000/s", o.tenants,
              1000, o.messages, requests.isEmpty(), requests)));
        }
        if (o.runs("baseline")) {
          if (requests.isEmpty()) {
            requests = runCapture(mock, http, o, o.tenants, 1000, o.messages);
          }
          results.add(print(runBaseline(mock, http, o, "baseline: plain OkHttp async", requests)));
        }
      }
    } finally {
      http.dispatcher().executorService().shutdown();
      http.connectionPool().evictAll();
    }
    String report = report(o, jvm, cores, results, (System.nanoTime() - started) / 1e9);
    System.out.println();
    System.out.println(report);
    Files.createDirectories(o.report.toAbsolutePath().getParent());
    Files.writeString(o.report, report);
    System.out.println("written to " + o.report.toAbsolutePath());
    Path json = Path.of(o.report.toString().replaceFirst("\\.md$", "") + ".json");
    Env.writeJson(json, Map.of("environment", Env.describe(), "results", results.stream().map(r -> {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("scenario", r.scenario());
      m.put("messages", r.messages());
      m.put("failed", r.failed());
      m.put("seconds", r.seconds());
      m.put("messagesPerSecond", r.rate());
      m.put("numbers", r.numbers());
      m.put("maxPeakPerSecond", r.maxPeak());
      m.put("limitPerSecond", r.limit());
      m.put("numbersOverLimit", r.violatingNumbers());
      m.put("cpuMicrosPerMessage", r.cpuMicrosPerMessage());
      return m;
    }).toList()));
    System.out.println("and " + json.toAbsolutePath());
    System.exit(0);
  }

  /** OkHttp shared by Switchboard and the baseline: enough connections and calls for the concurrency. */
  static OkHttpClient httpClient(int concurrency) {
    Dispatcher dispatcher = new Dispatcher();
    dispatcher.setMaxRequests(concurrency);
    dispatcher.setMaxRequestsPerHost(concurrency);
    return new OkHttpClient.Builder()
        .dispatcher(dispatcher)
        // HTTP/1.1 in clear: one connection per in-flight request; keep them all idle between sends
        .connectionPool(new ConnectionPool(concurrency + 32, 5, TimeUnit.MINUTES))
        .connectTimeout(Duration.ofSeconds(5))
        .readTimeout(Duration.ofSeconds(30))
        .callTimeout(Duration.ofSeconds(60))
        .build();
  }

  private static Result print(Result r) {
    System.out.printf(Locale.ROOT, "%-40s %6d msgs in %6.2f s = %7.0f msg/s (enqueue %5.2f s, failed %d, "
            + "max peak %d/s over %d numbers, limit %s, violations %d, process CPU %.0f µs/msg, "
            + "of which send() %.0f µs)%n",
        r.scenario, r.messages, r.seconds, r.rate(), r.enqueueSeconds, r.failed, r.maxPeak, r.numbers,
        r.limit > 0 ? r.limit + "/s" : "none", r.violatingNumbers, r.cpuMicrosPerMessage,
        r.sendCallCpuMicros);
    return r;
  }

  private static List<MockGraphApi.Captured> runCapture(MockGraphApi mock, OkHttpClient http, Options o, int numbers,
      int rate, int messages) throws Exception {
    List<MockGraphApi.Captured> out = new ArrayList<>();
    runSwitchboard(mock, http, o, "warm-up", numbers, rate, messages, true, out);
    return out;
  }

  private static Result runSwitchboard(MockGraphApi mock, OkHttpClient http, Options o, String name, int numbers,
      int rate, int messages, boolean capture) throws Exception {
    return runSwitchboard(mock, http, o, name, numbers, rate, messages, capture, new ArrayList<>());
  }

  /** Queues {@code messages} through Switchboard.send, spread round robin over {@code numbers} tenants. */
  private static Result runSwitchboard(MockGraphApi mock, OkHttpClient http, Options o, String name, int numbers,
      int rate, int messages, boolean capture, List<MockGraphApi.Captured> capturedOut) throws Exception {
    Switchboard sb = Switchboard.builder()
        .appSecret(Secret.of("bench-app-secret"))
        .verifyToken(Secret.of("bench-verify-token"))
        .keyring(Keyring.builder().primary("bench", Keyring.generateKeyBase64()).build())
        .channel(WhatsAppChannel.create())
        .inMemoryStores()
        .eventHandler((tenant, event) -> { })
        .graphBaseUrl(mock.baseUrl())
        .httpClient(http)
        .throughputLimits(ThroughputLimits.defaults().with(ChannelType.WHATSAPP, rate))
        .outboxConcurrency(o.concurrency)
        .outboxBatchSize(o.batch)
        .pollInterval(Duration.ofMillis(100))
        .build();
    TenantId[] tenants = new TenantId[numbers];
    for (int i = 0; i < numbers; i++) {
      tenants[i] = TenantId.of("tenant-" + i);
      sb.connections().connect(ConnectRequest.builder()
          .tenant(tenants[i]).channel(ChannelType.WHATSAPP).accountId(phoneNumberId(i))
          .accessToken(Secret.of("EAAG-bench-token-of-tenant-" + i)).build());
    }
    mock.reset(capture);
    AtomicLong lastAccepted = new AtomicLong();
    AtomicInteger failed = new AtomicInteger();
    CountDownLatch done = new CountDownLatch(messages);
    // the handles must stay strongly reachable: Switchboard keeps pending futures only weakly
    // (OutboxEngine.pending uses weakValues), so a callback chained on a dropped future never runs
    List<CompletableFuture<SendReceipt>> handles = new ArrayList<>(messages);
    try {
      sb.start();
      long cpu0 = Env.processCpuNanos();
      long mainCpu0 = ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
      long t0 = System.nanoTime();
      for (int i = 0; i < messages; i++) {
        CompletableFuture<SendReceipt> accepted = sb.send(SendRequest.builder()
            .tenant(tenants[i % numbers])
            .channel(ChannelType.WHATSAPP)
            .to(recipient(i))
            .content(TEMPLATE)
            .build()).accepted();
        handles.add(accepted);
        accepted.whenComplete((receipt, failure) -> {
          if (failure != null) {
            failed.incrementAndGet();
          }
          lastAccepted.accumulateAndGet(System.nanoTime(), Math::max);
          done.countDown();
        });
      }
      long enqueued = System.nanoTime();
      long sendLoopCpu = ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime() - mainCpu0;
      boolean finished = done.await(Long.getLong("bench.timeout", 180), TimeUnit.SECONDS);
      long cpu = Env.processCpuNanos() - cpu0;
      if (!finished) {
        Map<io.switchboard.message.DeliveryStatus, Long> byStatus = sb.outbox()
            .list(io.switchboard.spi.OutboxQuery.all(messages)).stream()
            .collect(java.util.stream.Collectors.groupingBy(m -> m.status(), java.util.stream.Collectors.counting()));
        String sample = sb.outbox().list(io.switchboard.spi.OutboxQuery.all(3,
                io.switchboard.message.DeliveryStatus.QUEUED, io.switchboard.message.DeliveryStatus.SENDING)).stream()
            .map(m -> m.status() + " attempts " + m.attempts() + " " + m.errorMessage().orElse("")).toList().toString();
        throw new IllegalStateException(name + ": only " + (messages - done.getCount()) + " of " + messages
            + " accepted within 180 s; stored " + byStatus + "; e.g. " + sample);
      }
      handles.clear();
      Map<String, Integer> peaks = mock.peakPerSecondByNumber();
      int maxPeak = peaks.values().stream().mapToInt(Integer::intValue).max().orElse(0);
      int violating = (int) peaks.values().stream().filter(p -> p > rate).count();
      if (violating > 0) {
        int[] stall = mock.stallSignature();
        System.out.printf(Locale.ROOT, "  %s: %d number(s) over %d/s; busiest window starts %d ms after its first "
            + "request; busiest number: longest gap between requests %d ms, most requests in 50 ms %d "
            + "(steady rate would give %d)%n", name, violating, rate, mock.peakWindowOffsetMillis(), stall[0], stall[1],
            rate / 20);
      }
      if (capture) {
        capturedOut.addAll(mock.captured());
      }
      return new Result(name, messages, failed.get(), (lastAccepted.get() - t0) / 1e9, (enqueued - t0) / 1e9,
          peaks.size(), maxPeak, rate, violating, mock.total(), cpu / 1e3 / messages,
          sendLoopCpu / 1e3 / messages);
    } finally {
      sb.close();
    }
  }

  /** Sends the given requests with OkHttp enqueue, exactly {@code concurrency} in flight. */
  private static Result runBaseline(MockGraphApi mock, OkHttpClient http, Options o, String name,
      List<MockGraphApi.Captured> requests) throws Exception {
    mock.reset(false);
    int n = requests.size();
    Semaphore inFlight = new Semaphore(o.concurrency);
    CountDownLatch done = new CountDownLatch(n);
    AtomicInteger failed = new AtomicInteger();
    AtomicLong last = new AtomicLong();
    Function<String, String> tokenFor = path -> "Bearer EAAG-bench-token-of-tenant-" + path.split("/")[2];
    long cpu0 = Env.processCpuNanos();
    long t0 = System.nanoTime();
    for (MockGraphApi.Captured c : requests) {
      inFlight.acquire();
      Request request = new Request.Builder()
          .url(mock.baseUrl() + c.path())
          .header("Authorization", tokenFor.apply(c.path()))
          .post(RequestBody.create(c.body(), JSON))
          .build();
      http.newCall(request).enqueue(new Callback() {
        @Override
        public void onFailure(Call call, IOException e) {
          failed.incrementAndGet();
          finish();
        }

        @Override
        public void onResponse(Call call, Response response) throws IOException {
          try (response) {
            String body = response.body().string();
            if (!response.isSuccessful() || !body.contains("wamid.")) {
              failed.incrementAndGet();
            }
          } finally {
            finish();
          }
        }

        private void finish() {
          last.accumulateAndGet(System.nanoTime(), Math::max);
          inFlight.release();
          done.countDown();
        }
      });
    }
    long submitted = System.nanoTime();
    if (!done.await(180, TimeUnit.SECONDS)) {
      throw new IllegalStateException(name + ": only " + (n - done.getCount()) + " of " + n + " answered within 180 s");
    }
    long cpu = Env.processCpuNanos() - cpu0;
    Map<String, Integer> peaks = mock.peakPerSecondByNumber();
    int maxPeak = peaks.values().stream().mapToInt(Integer::intValue).max().orElse(0);
    return new Result(name, n, failed.get(), (last.get() - t0) / 1e9, (submitted - t0) / 1e9, peaks.size(), maxPeak,
        0, 0, mock.total(), cpu / 1e3 / n, 0);
  }

  static String phoneNumberId(int i) {
    return String.format(Locale.ROOT, "10654035%07d", i);
  }

  private static String recipient(int i) {
    return String.format(Locale.ROOT, "+1650555%04d", i % 10_000);
  }

  // ------------------------------------------------------------------ report

  private static String range(double[] v, String fmt) {
    double min = Arrays.stream(v).min().orElse(0);
    double max = Arrays.stream(v).max().orElse(0);
    String a = String.format(Locale.ROOT, fmt, min);
    String b = String.format(Locale.ROOT, fmt, max);
    return a.equals(b) ? a : a + " – " + b;
  }

  private static double[] pick(List<Result> rs, String prefix, java.util.function.ToDoubleFunction<Result> f) {
    return rs.stream().filter(r -> r.scenario.startsWith(prefix)).mapToDouble(f).toArray();
  }

  private static String report(Options o, String jvm, int cores, List<Result> rs, double totalSeconds) {
    StringBuilder s = new StringBuilder();
    s.append("## Outbound throughput (").append(o.runs).append(" runs each, ranges min – max)\n\n");
    s.append(String.format(Locale.ROOT, "JVM %s, %d cores; mock Graph API latency %d ms; %d messages per run; "
            + "outboxConcurrency = OkHttp maxRequests = baseline in-flight = %d, outboxBatchSize %d, "
            + "OkHttp pool %d idle connections; total run %.0f s%n%n",
        jvm, cores, o.latencyMs, o.messages, o.concurrency, o.batch, o.concurrency + 32, totalSeconds));
    s.append("| scenario | messages/s | max per-number peak /s (limit) | limit violations | failed | send() loop s "
        + "| process CPU µs/msg | of which in send() |\n");
    s.append("|---|---|---|---|---|---|---|---|\n");
    for (String p : List.of("A:", "B80:", "B1000:", "baseline:")) {
      List<Result> mine = rs.stream().filter(r -> r.scenario.startsWith(p)).toList();
      if (mine.isEmpty()) {
        continue;
      }
      Result first = mine.get(0);
      s.append("| ").append(first.scenario).append(" | ")
          .append(range(pick(rs, p, Result::rate), "%.0f")).append(" | ")
          .append(range(pick(rs, p, r -> r.maxPeak), "%.0f"))
          .append(first.limit > 0 ? " (" + first.limit + ")" : " (none)").append(" | ")
          .append(range(pick(rs, p, r -> r.violatingNumbers), "%.0f")).append(" | ")
          .append(range(pick(rs, p, r -> r.failed), "%.0f")).append(" | ")
          .append(range(pick(rs, p, r -> r.enqueueSeconds), "%.2f")).append(" | ")
          .append(range(pick(rs, p, r -> r.cpuMicrosPerMessage), "%.0f")).append(" | ")
          .append(p.equals("baseline:") ? "–" : range(pick(rs, p, r -> r.sendCallCpuMicros), "%.0f")).append(" |\n");
    }
    double[] base = pick(rs, "baseline:", Result::rate);
    double[] b80 = pick(rs, "B80:", Result::rate);
    double[] b1000 = pick(rs, "B1000:", Result::rate);
    double[] a = pick(rs, "A:", Result::rate);
    double baseMax = Arrays.stream(base).max().orElse(1);
    double baseMin = Arrays.stream(base).min().orElse(1);
    s.append("\nRatio to the plain-OkHttp baseline (run i vs baseline run i): B80 ")
        .append(ratios(b80, base)).append(", B1000 ").append(ratios(b1000, base)).append('\n');
    int violations = (int) rs.stream().mapToInt(Result::violatingNumbers).sum();
    int failed = rs.stream().mapToInt(Result::failed).sum();
    s.append("\n| target | figure | met |\n|---|---|---|\n");
    s.append(target("one number at 1,000/s sustains ≥ 950/s", range(a, "%.0f") + "/s",
        Arrays.stream(a).min().orElse(0) >= 950));
    s.append(target("100 tenants ≥ 3,000/s total (80/s each)", range(b80, "%.0f") + "/s",
        Arrays.stream(b80).min().orElse(0) >= 3000));
    s.append(target("100 tenants ≥ 3,000/s total (1,000/s each)", range(b1000, "%.0f") + "/s",
        Arrays.stream(b1000).min().orElse(0) >= 3000));
    s.append(target("≥ 90 % of plain-OkHttp baseline (B80)", ratios(b80, base), minRatio(b80, base) >= 0.9));
    s.append(target("≥ 90 % of plain-OkHttp baseline (B1000)", ratios(b1000, base), minRatio(b1000, base) >= 0.9));
    long over = rs.stream().filter(r -> r.violatingNumbers > 0).count();
    long limited = rs.stream().filter(r -> r.limit > 0).count();
    s.append(target("zero limit violations", "a number over its limit in " + over + " of " + limited
        + " measurements (" + violations + " number-runs); " + failed + " failed sends", violations == 0 && failed == 0));
    s.append(String.format(Locale.ROOT, "%nBaseline range %.0f – %.0f msg/s.%n", baseMin, baseMax));
    return s.toString();
  }

  private static String ratios(double[] x, double[] base) {
    double[] r = new double[Math.min(x.length, base.length)];
    for (int i = 0; i < r.length; i++) {
      r[i] = 100 * x[i] / base[i];
    }
    return range(r, "%.0f") + " %";
  }

  private static double minRatio(double[] x, double[] base) {
    double min = Double.MAX_VALUE;
    for (int i = 0; i < Math.min(x.length, base.length); i++) {
      min = Math.min(min, x[i] / base[i]);
    }
    return min;
  }

  private static String target(String what, String figure, boolean met) {
    return "| " + what + " | " + figure + " | " + (met ? "met" : "**not met**") + " |\n";
  }

  private static Options parse(String[] rawArgs) {
    // accept "--runs 3 --concurrency 256" as one argument too (how exec:exec passes ${bench.args})
    String[] args = Env.words(rawArgs);
    int concurrency = 200;
    int batch = 200;
    int messages = 20_000;
    int tenants = 100;
    int runs = 2;
    long latency = 50;
    Set<String> scenarios = Set.of("A", "B80", "B1000", "baseline");
    Path report = Files.isDirectory(Path.of("benchmarks")) ? Path.of("benchmarks/target/outbound-report.md")
        : Path.of("target/outbound-report.md");
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--concurrency" -> concurrency = Integer.parseInt(args[++i]);
        case "--batch" -> batch = Integer.parseInt(args[++i]);
        case "--messages" -> messages = Integer.parseInt(args[++i]);
        case "--tenants" -> tenants = Integer.parseInt(args[++i]);
        case "--runs" -> runs = Integer.parseInt(args[++i]);
        case "--latency-ms" -> latency = Long.parseLong(args[++i]);
        case "--report" -> report = Path.of(args[++i]);
        case "--scenarios" -> scenarios = Set.of(args[++i].split(","));
        default -> throw new IllegalArgumentException("unknown option " + args[i] + "; use --concurrency N, "
            + "--batch N, --messages N, --tenants N, --runs N, --latency-ms N, --report PATH, "
            + "--scenarios A,B80,B1000,baseline");
      }
    }
    return new Options(concurrency, batch, messages, tenants, runs, latency, report, scenarios);
  }
}
