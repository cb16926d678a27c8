package io.switchboard.benchmarks;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.switchboard.ChannelType;
import io.switchboard.Secret;
import io.switchboard.Switchboard;
import io.switchboard.TenantId;
import io.switchboard.channel.whatsapp.WhatsAppChannel;
import io.switchboard.connection.ConnectRequest;
import io.switchboard.crypto.Keyring;
import io.switchboard.store.jdbc.JdbcStores;
import io.switchboard.webhook.WebhookProcessor;
import io.switchboard.webhook.WebhookRequest;
import io.switchboard.webhook.WebhookResponse;
import io.switchboard.webhook.servlet.SwitchboardWebhookServlet;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;
import java.util.stream.Collectors;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * Inbound webhook throughput and acknowledgement latency: Switchboard with the WhatsApp channel
 * behind {@link SwitchboardWebhookServlet} on Jetty 12 (127.0.0.1, random port), background
 * dispatch running ({@code start()}) with a trivial event handler, against a bare servlet on the
 * same Jetty that only reads the body and answers 200. The load comes from {@link LoadGenerator}
 * in a second JVM.
 *
 * <p>For each target (bare, in-memory stores, embedded PostgreSQL through {@code JdbcStores} and a
 * HikariCP pool), each batch size (1 and 50 messages per POST) and each offered rate (500, 1,000,
 * 2,000 POSTs/s and saturation), one measurement of {@code --seconds} seconds, {@code --runs}
 * times. Every Switchboard measurement uses a fresh Switchboard (fresh in-memory stores, or fresh
 * tables under a new prefix) so earlier runs do not grow the stores.
 *
 * <p>Before the measurements, every target and batch size runs at saturation for {@code --warmup}
 * seconds, round after round, until the JIT compiler is busy for less than 5 % of a round (or
 * another round would end past {@code --warmup-max} seconds): on 2 cores the C2 backlog of
 * Switchboard's code takes tens of seconds to clear, and measuring while it compiles charged its
 * CPU to whichever target ran then. Not reported.
 *
 * <p>Options: {@code --seconds S} (4), {@code --warmup S} (2), {@code --warmup-max S} (60),
 * {@code --runs N} (2), {@code --connections N} (32),
 * {@code --rates 500,1000,2000,0} (0 = saturation), {@code --batches 1,50},
 * {@code --targets bare,memory,postgres}, {@code --tenants N} (10 phone numbers),
 * {@code --out DIR} (target/bench).
 */
public final class InboundThroughput {

  private static final String APP_SECRET = "bench-app-secret";
  private static final String PATH = "/webhooks/meta";
  /** {@code -Dbench.pgStatements=true}: print PostgreSQL's statement statistics after each measurement. */
  private static final boolean PG_STATEMENTS = Boolean.getBoolean("bench.pgStatements");

  private static final long DRAIN_WAIT_NANOS = Long.getLong("bench.drainMillis", 3_000) * 1_000_000L;

  private InboundThroughput() {}

  /** The processor behind the servlet; swapped per measurement. */
  private static final class Swappable implements WebhookProcessor {
    volatile WebhookProcessor delegate;

    @Override
    public WebhookResponse handle(WebhookRequest request) {
      return delegate.handle(request);
    }

    @Override
    public int maxBodyBytes() {
      return 4 * 1024 * 1024;
    }
  }

  /** Reads the body and answers 200: the ceiling for any webhook handler on this Jetty. */
  private static final class BareServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;

    @Override
    protected void doPost(HttpServletRequest req, HttpServletResponse resp) throws IOException {
      InputStream in = req.getInputStream();
      byte[] buf = new byte[16 * 1024];
      while (in.read(buf) != -1) {
        // discard
      }
      byte[] ok = "OK".getBytes(StandardCharsets.UTF_8);
      resp.setStatus(200);
      resp.setContentType("text/plain");
      resp.setContentLength(ok.length);
      resp.getOutputStream().write(ok);
    }
  }

  record Measurement(String target, int run, int batch, int offeredRate, long sent, long ok, long errors,
      int firstErrorStatus, double seconds, long p50, long p99, long p999, long max, long dispatched,
      double dispatchDrainSeconds, double cpuMicrosPerEvent, double jettyCpuMicrosPerEvent,
      double switchboardCpuMicrosPerEvent, double dbCpuMicrosPerEvent) {
    double postsPerSecond() {
      return ok / seconds;
    }

    double eventsPerSecond() {
      return ok * (double) batch / seconds;
    }

    String rateLabel() {
      return offeredRate == 0 ? "saturation" : offeredRate + "/s";
    }
  }

  public static void main(String[] args) throws Exception {
    double seconds = Double.parseDouble(Env.opt(args, "--seconds", "4"));
    double warmup = Double.parseDouble(Env.opt(args, "--warmup", "2"));
    double warmupMax = Double.parseDouble(Env.opt(args, "--warmup-max", "60"));
    int runs = Integer.parseInt(Env.opt(args, "--runs", "2"));
    int connections = Integer.parseInt(Env.opt(args, "--connections", "32"));
    int tenants = Integer.parseInt(Env.opt(args, "--tenants", "10"));
    int[] rates = Arrays.stream(Env.opt(args, "--rates", "500,1000,2000,0").split(",")).mapToInt(Integer::parseInt)
        .toArray();
    int[] batches = Arrays.stream(Env.opt(args, "--batches", "1,50").split(",")).mapToInt(Integer::parseInt).toArray();
    List<String> targets = List.of(Env.opt(args, "--targets", "bare,memory,postgres").split(","));
    Path out = Path.of(Env.opt(args, "--out", "target/bench"));
    long started = System.nanoTime();
    Map<String, Object> env = Env.describe();
    System.out.println("inbound: " + env);

    String[] phones = new String[tenants];
    for (int i = 0; i < tenants; i++) {
      phones[i] = String.valueOf(200_000_000_000_001L + i);
    }

    QueuedThreadPool pool = new QueuedThreadPool(64, 8);
    pool.setName("jetty");
    Server server = new Server(pool);
    HttpConfiguration config = new HttpConfiguration();
    config.setSendServerVersion(false);
    ServerConnector connector = new ServerConnector(server, 1, 1, new HttpConnectionFactory(config));
    connector.setHost("127.0.0.1");
    connector.setPort(0);
    connector.setAcceptQueueSize(1024);
    server.addConnector(connector);
    ServletContextHandler context = new ServletContextHandler();
    Swappable processor = new Swappable();
    context.addServlet(new ServletHolder(new SwitchboardWebhookServlet(processor)), PATH);
    context.addServlet(new ServletHolder(new BareServlet()), "/bare");
    server.setHandler(context);
    server.start();
    String base = "http://127.0.0.1:" + connector.getLocalPort();

    EmbeddedPostgres postgres = null;
    HikariDataSource dataSource = null;
    long postmasterPid = -1;
    if (targets.contains("postgres")) {
      long t0 = System.nanoTime();
      EmbeddedPostgres.Builder pgBuilder = EmbeddedPostgres.builder();
      if (PG_STATEMENTS) {
        pgBuilder.setServerConfig("shared_preload_libraries", "pg_stat_statements");
      }
      postgres = pgBuilder.start();
      HikariConfig hc = new HikariConfig();
      hc.setDataSource(postgres.getPostgresDatabase());
      hc.setMaximumPoolSize(Integer.getInteger("bench.pool", 16));
      hc.setPoolName("bench-pg");
      dataSource = new HikariDataSource(hc);
      postmasterPid = postmasterPid(dataSource);
      if (PG_STATEMENTS) {
        try (java.sql.Connection c = dataSource.getConnection(); java.sql.Statement st = c.createStatement()) {
          st.execute("CREATE EXTENSION IF NOT EXISTS pg_stat_statements");
        }
      }
      System.out.printf(Locale.ROOT, "embedded PostgreSQL up in %.1f s%n", (System.nanoTime() - t0) / 1e9);
    }

    ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xms256m", "-Xmx768m", "-XX:+UseParallelGC", "-cp", System.getProperty("java.class.path"),
        LoadGenerator.class.getName(), APP_SECRET, String.join(",", phones));
    pb.redirectError(ProcessBuilder.Redirect.INHERIT);
    Process generator = pb.start();
    PrintWriter toGen = new PrintWriter(generator.getOutputStream(), true, StandardCharsets.UTF_8);
    BufferedReader fromGen = new BufferedReader(new InputStreamReader(generator.getInputStream(), StandardCharsets.UTF_8));

    List<Measurement> results = new ArrayList<>();
    int[] prefix = {0};
    Runner runner = new Runner(processor, base, toGen, fromGen, phones, dataSource, postmasterPid, connections, prefix);
    try {
      warmUp(runner, targets, batches, warmup, warmupMax);
      for (int run = 1; run <= runs; run++) {
        for (int batch : batches) {
          for (int rate : rates) {
            for (String target : targets) {
              if (PG_STATEMENTS && target.equals("postgres")) {
                pgStatements(dataSource, null);
              }
              Measurement m = runner.measure(target, run, batch, rate, seconds);
              results.add(m);
              if (PG_STATEMENTS && target.equals("postgres")) {
                pgStatements(dataSource, m);
              }
              System.out.printf(Locale.ROOT,
                  "run %d %-8s %2d msg/POST offered %-10s: %8.0f events/s (%6.0f POSTs/s), ack p50 %s p99 %s "
                      + "p99.9 %s ms, errors %d, dispatched %d in +%.1f s, CPU %s µs/event%n",
                  run, target, batch, m.rateLabel(), m.eventsPerSecond(), m.postsPerSecond(), Stats.ms(m.p50),
                  Stats.ms(m.p99), Stats.ms(m.p999), m.errors, m.dispatched, m.dispatchDrainSeconds, cpuLabel(m));
            }
          }
        }
      }
    } finally {
      toGen.println("QUIT");
      generator.waitFor(10, java.util.concurrent.TimeUnit.SECONDS);
      generator.destroy();
      server.stop();
      if (dataSource != null) {
        dataSource.close();
      }
      if (postgres != null) {
        postgres.close();
      }
    }
    double total = (System.nanoTime() - started) / 1e9;
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("environment", env);
    json.put("settings", Map.of("seconds", seconds, "warmup_seconds", warmup, "runs", runs, "connections", connections,
        "phone_numbers", tenants, "latency_unit", "ns", "postgres_pool", Integer.getInteger("bench.pool", 16)));
    json.put("measurements", results);
    json.put("total_seconds", total);
    Env.writeJson(out.resolve("inbound.json"), json);
    String md = markdown(results, env, seconds, connections, tenants, total);
    Env.write(out.resolve("inbound.md"), md);
    System.out.println(md);
    System.exit(0);
  }

  /** Runs unreported rounds over every target and batch size until the JIT has settled. */
  private static void warmUp(Runner runner, List<String> targets, int[] batches, double seconds, double maxSeconds)
      throws IOException, InterruptedException {
    CompilationMXBean jit = ManagementFactory.getCompilationMXBean();
    long start = System.nanoTime();
    double busy;
    int round = 0;
    long roundNanos;
    do {
      long compiling0 = jit.getTotalCompilationTime();
      long t0 = System.nanoTime();
      for (String target : targets) {
        for (int batch : batches) {
          runner.measure(target, 0, batch, 0, seconds);
        }
      }
      roundNanos = System.nanoTime() - t0;
      busy = (jit.getTotalCompilationTime() - compiling0) / (roundNanos / 1e6);
      round++;
      System.out.printf(Locale.ROOT, "warm-up round %d: JIT compiling %.0f %% of the time%n", round, 100 * busy);
    } while (busy > 0.05 && System.nanoTime() - start + roundNanos <= maxSeconds * 1e9);
  }

  private static final class Runner {
    final String base;
    final PrintWriter toGen;
    final BufferedReader fromGen;
    final String[] phones;
    final HikariDataSource dataSource;
    final long postmasterPid;
    final int connections;
    final int[] prefix;
    final Swappable processor;

    Runner(Swappable processor, String base, PrintWriter toGen, BufferedReader fromGen, String[] phones,
        HikariDataSource dataSource, long postmasterPid, int connections, int[] prefix) {
      this.processor = processor;
      this.base = base;
      this.toGen = toGen;
      this.fromGen = fromGen;
      this.phones = phones;
      this.dataSource = dataSource;
      this.postmasterPid = postmasterPid;
      this.connections = connections;
      this.prefix = prefix;
    }

    Measurement measure(String target, int run, int batch, int rate, double seconds) throws IOException,
        InterruptedException {
      LongAdder dispatched = new LongAdder();
      Switchboard sb = null;
      String path = "/bare";
      if (!target.equals("bare")) {
        Switchboard.Builder b = Switchboard.builder()
            .appSecret(Secret.of(APP_SECRET))
            .verifyToken(Secret.of("bench-verify-token"))
            .keyring(Keyring.builder().primary("bench", Keyring.generateKeyBase64()).build())
            .channel(WhatsAppChannel.create())
            .eventHandler((tenant, event) -> dispatched.increment())
            .pollInterval(Duration.ofMillis(100));
        if (System.getProperty("bench.lingerMillis") != null) {
          b.dispatchLinger(Duration.ofMillis(Long.getLong("bench.lingerMillis")));
        }
        if (target.equals("memory")) {
          b.inMemoryStores();
        } else {
          b.stores(JdbcStores.builder().dataSource(dataSource).tablePrefix("b" + (prefix[0]++) + "_").build());
        }
        sb = b.build();
        for (int i = 0; i < phones.length; i++) {
          sb.connections().connect(ConnectRequest.builder()
              .tenant(TenantId.of("tenant-" + i)).channel(ChannelType.WHATSAPP).accountId(phones[i])
              .accessToken(Secret.of("EAAG-bench-token-" + i)).build());
        }
        sb.start();
        processor.delegate = sb.webhooks();
        path = PATH;
      }
      try {
        boolean db = target.equals("postgres") && postmasterPid > 0;
        long cpu0 = Env.processCpuNanos();
        Map<Long, Long> threads0 = Env.threadCpuNanos();
        long dbCpu0 = db ? Env.processTreeCpuNanos(postmasterPid) : 0;
        String tag = "r" + run + target.charAt(0) + batch + "x" + rate + "x" + System.nanoTime();
        toGen.printf(Locale.ROOT, "RUN %s%s %d %d %.3f %d %s%n", base, path, rate, batch, seconds, connections, tag);
        String line;
        do {
          line = fromGen.readLine();
          if (line == null) {
            throw new IOException("load generator exited");
          }
        } while (!line.startsWith("RESULT "));
        Map<String, String> r = Arrays.stream(line.split(" ")).filter(s -> s.contains("="))
            .collect(Collectors.toMap(s -> s.substring(0, s.indexOf('=')), s -> s.substring(s.indexOf('=') + 1)));
        long ok = Long.parseLong(r.get("ok"));
        double drain = 0;
        if (sb != null) {
          long expected = ok * batch;
          long t0 = System.nanoTime();
          // dispatch may lag acknowledgement (PostgreSQL, 50-message POSTs); wait a bounded time
          // and report how many were dispatched by then, so the whole run stays within its budget
          while (dispatched.sum() < expected && System.nanoTime() - t0 < DRAIN_WAIT_NANOS) {
            Thread.sleep(20);
          }
          drain = (System.nanoTime() - t0) / 1e9;
        }
        // CPU from the command to the end of the drain wait: the load generator pre-signing (server
        // idle), the measured load, and the dispatch that lagged it
        double events = Math.max(1, ok * batch);
        double cpu = (Env.processCpuNanos() - cpu0) / 1e3 / events;
        Map<String, Long> byGroup = Env.threadCpuDeltaByPrefix(threads0, "jetty", "switchboard");
        double jettyCpu = byGroup.get("jetty") / 1e3 / events;
        double switchboardCpu = byGroup.get("switchboard") / 1e3 / events;
        double dbCpu = db ? (Env.processTreeCpuNanos(postmasterPid) - dbCpu0) / 1e3 / events : 0;
        return new Measurement(target, run, batch, rate, Long.parseLong(r.get("sent")), ok,
            Long.parseLong(r.get("errors")), Integer.parseInt(r.get("firstErrorStatus")),
            Double.parseDouble(r.get("seconds")), Long.parseLong(r.get("p50")), Long.parseLong(r.get("p99")),
            Long.parseLong(r.get("p999")), Long.parseLong(r.get("max")), dispatched.sum(), drain, cpu, jettyCpu,
            switchboardCpu, dbCpu);
      } finally {
        if (sb != null) {
          sb.close();
        }
      }
    }
  }

  /** The PostgreSQL server's pid: the parent of a backend serving one of the pool's connections. */
  private static long postmasterPid(HikariDataSource dataSource) throws java.sql.SQLException {
    try (java.sql.Connection c = dataSource.getConnection();
        java.sql.Statement st = c.createStatement();
        java.sql.ResultSet rs = st.executeQuery("SELECT pg_backend_pid()")) {
      rs.next();
      return ProcessHandle.of(rs.getLong(1)).flatMap(ProcessHandle::parent).map(ProcessHandle::pid).orElse(-1L);
    }
  }

  /**
   * This JVM's CPU per acknowledged event with its split (Jetty's threads: HTTP and the webhook
   * processing on them; Switchboard's: dispatch; the rest: GC, JIT, VM), plus PostgreSQL's.
   */
  private static String cpuLabel(Measurement m) {
    String jvm = String.format(Locale.ROOT, "%.1f (jetty %.1f, switchboard %.1f, gc/jit/other %.1f)",
        m.cpuMicrosPerEvent, m.jettyCpuMicrosPerEvent, m.switchboardCpuMicrosPerEvent,
        m.cpuMicrosPerEvent - m.jettyCpuMicrosPerEvent - m.switchboardCpuMicrosPerEvent);
    return m.dbCpuMicrosPerEvent > 0 ? String.format(Locale.ROOT, "%s + db %.1f", jvm, m.dbCpuMicrosPerEvent) : jvm;
  }

  static String range(List<Double> values, String fmt) {
    double lo = values.stream().mapToDouble(Double::doubleValue).min().orElse(0);
    double hi = values.stream().mapToDouble(Double::doubleValue).max().orElse(0);
    String a = String.format(Locale.ROOT, fmt, lo);
    String b = String.format(Locale.ROOT, fmt, hi);
    return a.equals(b) ? a : a + " – " + b;
  }

  private static String markdown(List<Measurement> results, Map<String, Object> env, double seconds, int connections,
      int tenants, double total) {
    StringBuilder s = new StringBuilder();
    s.append("## Inbound webhooks (`InboundThroughput`)\n\n");
    s.append(String.format(Locale.ROOT, "JVM %s, %s cores, commit %s; %.0f s per measurement, %d connections from the "
            + "load generator (separate JVM), %d phone numbers (tenants); total run %.0f s. Latency = POST sent → 200 "
            + "received (acknowledgement after the events are stored). CPU = this JVM's (Jetty, Switchboard, dispatch, "
            + "JIT, GC; not the load generator's) and the PostgreSQL server's, from the start of a measurement to the "
            + "end of its dispatch wait, per acknowledged event; Jetty's threads carry HTTP and the webhook processing, "
            + "Switchboard's the dispatch, the rest is GC, JIT and the VM. Ranges over runs.%n%n",
        env.get("jvm"), env.get("cores"), env.get("commit"), seconds, connections, tenants, total));
    s.append("| target | msgs/POST | offered POSTs/s | acked events/s | POSTs/s | ack p50 ms | p99 ms | p99.9 ms | errors "
        + "| dispatched (≤ 3 s after) / acked | JVM CPU µs/event (Jetty threads / Switchboard threads) | PostgreSQL CPU µs/event |\n"
        + "|---|---|---|---|---|---|---|---|---|---|---|---|\n");
    Map<String, List<Measurement>> groups = results.stream().collect(Collectors.groupingBy(
        m -> m.target + "|" + m.batch + "|" + m.offeredRate, LinkedHashMap::new, Collectors.toList()));
    List<String> keys = new ArrayList<>(groups.keySet());
    keys.sort((a, b) -> {
      Measurement x = groups.get(a).get(0);
      Measurement y = groups.get(b).get(0);
      int c = Integer.compare(order(x.target), order(y.target));
      if (c == 0) {
        c = Integer.compare(x.batch, y.batch);
      }
      if (c == 0) {
        c = Integer.compare(x.offeredRate == 0 ? Integer.MAX_VALUE : x.offeredRate,
            y.offeredRate == 0 ? Integer.MAX_VALUE : y.offeredRate);
      }
      return c;
    });
    for (String k : keys) {
      List<Measurement> g = groups.get(k);
      Measurement m0 = g.get(0);
      long acked = g.stream().mapToLong(m -> m.ok * m.batch).sum();
      long disp = g.stream().mapToLong(Measurement::dispatched).sum();
      s.append(String.format(Locale.ROOT, "| %s | %d | %s | %s | %s | %s | %s | %s | %d | %s | %s | %s |%n", m0.target,
          m0.batch,
          m0.offeredRate == 0 ? "saturation" : String.valueOf(m0.offeredRate),
          range(g.stream().map(Measurement::eventsPerSecond).toList(), "%.0f"),
          range(g.stream().map(Measurement::postsPerSecond).toList(), "%.0f"),
          range(g.stream().map(m -> m.p50 / 1e6).toList(), "%.2f"),
          range(g.stream().map(m -> m.p99 / 1e6).toList(), "%.2f"),
          range(g.stream().map(m -> m.p999 / 1e6).toList(), "%.2f"),
          g.stream().mapToLong(Measurement::errors).sum(),
          m0.target.equals("bare") ? "–" : disp + " / " + acked,
          range(g.stream().map(Measurement::cpuMicrosPerEvent).toList(), "%.1f") + " ("
              + range(g.stream().map(Measurement::jettyCpuMicrosPerEvent).toList(), "%.1f") + " / "
              + range(g.stream().map(Measurement::switchboardCpuMicrosPerEvent).toList(), "%.1f") + ")",
          m0.target.equals("postgres") ? range(g.stream().map(Measurement::dbCpuMicrosPerEvent).toList(), "%.1f") : "–"));
    }
    s.append('\n');
    s.append(ratioLines(results));
    return s.toString();
  }

  private static int order(String target) {
    return switch (target) {
      case "bare" -> 0;
      case "memory" -> 1;
      default -> 2;
    };
  }

  /** Switchboard's saturation events/s as a share of the bare servlet's, run by run. */
  static String ratioLines(List<Measurement> results) {
    StringBuilder s = new StringBuilder();
    for (String target : List.of("memory", "postgres")) {
      for (int batch : results.stream().mapToInt(Measurement::batch).distinct().sorted().toArray()) {
        List<Double> ratios = new ArrayList<>();
        for (Measurement m : results) {
          if (m.target.equals(target) && m.batch == batch && m.offeredRate == 0) {
            results.stream().filter(b -> b.target.equals("bare") && b.batch == batch && b.offeredRate == 0
                    && b.run == m.run).findFirst()
                .ifPresent(b -> ratios.add(100 * m.eventsPerSecond() / b.eventsPerSecond()));
          }
        }
        if (!ratios.isEmpty()) {
          s.append(String.format(Locale.ROOT, "- %s, %d msg/POST, saturation: %s %% of the bare servlet's events/s "
              + "(run by run)%n", target, batch, range(ratios, "%.1f")));
        }
      }
    }
    return s.toString();
  }

  /** Resets (m == null) or prints, per acknowledged event, PostgreSQL's busiest statements. */
  private static void pgStatements(javax.sql.DataSource ds, Measurement m) {
    try (java.sql.Connection c = ds.getConnection(); java.sql.Statement st = c.createStatement()) {
      if (m == null) {
        st.execute("SELECT pg_stat_statements_reset()");
        return;
      }
      double events = m.eventsPerSecond() * m.seconds();
      try (java.sql.ResultSet rs = st.executeQuery("SELECT calls, total_exec_time, left(regexp_replace(query, '\\s+', ' ', 'g'), 110)"
          + " FROM pg_stat_statements ORDER BY total_exec_time DESC LIMIT 12")) {
        while (rs.next()) {
          System.out.printf(Locale.ROOT, "    pg: %6.3f calls/event %7.1f µs/event  %s%n", rs.getLong(1) / events,
              rs.getDouble(2) * 1000 / events, rs.getString(3));
        }
      }
    } catch (java.sql.SQLException e) {
      System.out.println("    pg_stat_statements: " + e.getMessage());
    }
  }

}
