package io.switchboard.benchmarks;

import io.switchboard.ChannelType;
import io.switchboard.Secret;
import io.switchboard.Switchboard;
import io.switchboard.TenantId;
import io.switchboard.channel.whatsapp.WhatsAppChannel;
import io.switchboard.connection.ConnectRequest;
import io.switchboard.crypto.Keyring;
import io.switchboard.internal.ConnectionTenantResolver;
import io.switchboard.store.memory.InMemoryStores;
import io.switchboard.webhook.WebhookRequest;
import io.switchboard.webhook.WebhookResponse;
import io.switchboard.webhook.WebhookSignature;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;

/**
 * Many tenants on one instance (in-memory stores): {@code --tenants} (100,000) tenants with one
 * WhatsApp connection each.
 *
 * <ul>
 *   <li>heap per idle connection: used heap after GC before and after connecting them all, divided;
 *   <li>routing: {@link ConnectionTenantResolver} (the class {@code Switchboard} uses as its default
 *       resolver, here over the same connection store) timed per lookup, cold (first lookup of an
 *       account: cache miss, store lookup) and cached; and the whole
 *       {@code switchboard.webhooks().handle(...)} of a signed 1-message webhook for random tenants,
 *       first touch (the Switchboard's own resolver cache is cold for the account) and again
 *       (cached), which bounds the resolver's share from above;
 *   <li>start-up: {@code build()} + {@code start()} of a Switchboard over the populated stores.
 * </ul>
 * Every step runs {@code --runs} times (default 2) on fresh data where it matters.
 */
public final class TenantScale {

  private static final String APP_SECRET = "bench-app-secret";

  private TenantScale() {}

  public static void main(String[] args) throws Exception {
    int tenants = Integer.parseInt(Env.opt(args, "--tenants", "100000"));
    int runs = Integer.parseInt(Env.opt(args, "--runs", "2"));
    int webhooks = Integer.parseInt(Env.opt(args, "--webhooks", "20000"));
    Path out = Path.of(Env.opt(args, "--out", "target/bench"));
    long started = System.nanoTime();
    Map<String, Object> env = Env.describe();
    System.out.println("scale: " + env);
    List<Map<String, Object>> results = new ArrayList<>();
    for (int run = 1; run <= runs; run++) {
      results.add(run(run, tenants, webhooks));
    }
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("environment", env);
    json.put("settings", Map.of("tenants", tenants, "runs", runs, "webhooks", webhooks, "latency_unit", "ns"));
    json.put("runs", results);
    json.put("total_seconds", (System.nanoTime() - started) / 1e9);
    Env.writeJson(out.resolve("scale.json"), json);
    String md = markdown(results, env, tenants, webhooks);
    Env.write(out.resolve("scale.md"), md);
    System.out.println(md);
    System.exit(0);
  }

  private static Switchboard.Builder builder(InMemoryStores stores, Keyring keyring) {
    return Switchboard.builder()
        .appSecret(Secret.of(APP_SECRET))
        .verifyToken(Secret.of("bench-verify-token"))
        .keyring(keyring)
        .channel(WhatsAppChannel.create())
        .stores(stores)
        .eventHandler((tenant, event) -> { });
  }

  static String phone(int i) {
    return String.valueOf(300_000_000_000_000L + i);
  }

  private static Map<String, Object> run(int run, int tenants, int webhooks) throws Exception {
    Map<String, Object> r = new LinkedHashMap<>();
    r.put("run", run);
    Keyring keyring = Keyring.builder().primary("bench", Keyring.generateKeyBase64()).build();
    InMemoryStores stores = new InMemoryStores();
    Switchboard sb = builder(stores, keyring).build();
    // warm the connect path a little on other accounts? no: measure the heap of exactly N connections
    long heap0 = Env.gcUsedHeap();
    long t0 = System.nanoTime();
    for (int i = 0; i < tenants; i++) {
      sb.connections().connect(ConnectRequest.builder()
          .tenant(TenantId.of("tenant-" + i)).channel(ChannelType.WHATSAPP).accountId(phone(i))
          .accessToken(Secret.of("EAAG" + Long.toHexString(0x5eed0000L + i) + "-bench-access-token-of-a-tenant"))
          .build());
    }
    double connectSeconds = (System.nanoTime() - t0) / 1e9;
    long heap1 = Env.gcUsedHeap();
    r.put("connect_seconds", connectSeconds);
    r.put("heap_before_bytes", heap0);
    r.put("heap_after_bytes", heap1);
    r.put("heap_per_connection_bytes", (heap1 - heap0) / (double) tenants);

    // resolver over the same store, cold then cached, random order
    ConnectionTenantResolver resolver = new ConnectionTenantResolver(stores.connectionStore(), Clock.systemUTC(),
        Duration.ofSeconds(30), 1_000_000);
    SplittableRandom random = new SplittableRandom(run);
    int[] order = new int[tenants];
    for (int i = 0; i < tenants; i++) {
      order[i] = i;
    }
    for (int i = tenants - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      int tmp = order[i];
      order[i] = order[j];
      order[j] = tmp;
    }
    String[] accounts = new String[tenants];
    for (int i = 0; i < tenants; i++) {
      accounts[i] = phone(i);
    }
    Stats cold = new Stats(tenants);
    int misses = 0;
    for (int i : order) {
      long a = System.nanoTime();
      Optional<TenantId> owner = resolver.resolve(ChannelType.WHATSAPP, accounts[i]);
      cold.add(System.nanoTime() - a);
      if (owner.isEmpty()) {
        misses++;
      }
    }
    long heapResolverFull = Env.gcUsedHeap();
    Stats cached = new Stats(2 * tenants);
    for (int k = 0; k < 2 * tenants; k++) {
      String account = accounts[random.nextInt(tenants)];
      long a = System.nanoTime();
      Optional<TenantId> owner = resolver.resolve(ChannelType.WHATSAPP, account);
      cached.add(System.nanoTime() - a);
      if (owner.isEmpty()) {
        misses++;
      }
    }
    r.put("resolve_unresolved", misses);
    r.put("resolve_cold_ns", cold.sorted().summary());
    r.put("resolve_cached_ns", cached.sorted().summary());
    r.put("resolver_cache_bytes_per_entry", (heapResolverFull - heap1) / (double) tenants);
    resolver = null;

    // whole webhook handling for random tenants, through the Switchboard's own (default) resolver
    Secret secret = Secret.of(APP_SECRET);
    int n = Math.min(webhooks, tenants);
    byte[][] bodies = new byte[2 * n][];
    Map<String, String>[] headers = headerArray(2 * n);
    for (int k = 0; k < 2 * n; k++) {
      // first n: distinct random tenants (cold in the Switchboard's resolver cache); then n cached
      int tenant = k < n ? order[k] : order[random.nextInt(n)];
      bodies[k] = Payloads.whatsApp(phone(tenant), "scale" + run + "_" + k, 1);
      headers[k] = Map.of(WebhookSignature.HEADER, WebhookSignature.sign(secret, bodies[k]), "Content-Type",
          "application/json");
    }
    Stats handleCold = new Stats(n);
    Stats handleCached = new Stats(n);
    int failed = 0;
    for (int k = 0; k < 2 * n; k++) {
      long a = System.nanoTime();
      WebhookResponse resp = sb.webhooks().handle(WebhookRequest.post(bodies[k], headers[k]));
      long d = System.nanoTime() - a;
      (k < n ? handleCold : handleCached).add(d);
      if (resp.status() != 200) {
        failed++;
      }
    }
    long unroutable = sb.inbox().unroutable(10).size();
    r.put("webhook_handle_first_touch_ns", handleCold.sorted().summary());
    r.put("webhook_handle_cached_ns", handleCached.sorted().summary());
    r.put("webhook_failed", failed);
    r.put("webhook_unroutable", unroutable);
    sb.close();

    // start-up over the populated stores (3 times; the first includes class loading of this path)
    List<Double> startups = new ArrayList<>();
    for (int k = 0; k < 3; k++) {
      long a = System.nanoTime();
      Switchboard s = builder(stores, keyring).build();
      s.start();
      startups.add((System.nanoTime() - a) / 1e6);
      byte[] body = Payloads.whatsApp(phone(order[k]), "start" + run + "_" + k, 1);
      long b = System.nanoTime();
      WebhookResponse resp = s.webhooks().handle(WebhookRequest.post(body,
          Map.of(WebhookSignature.HEADER, WebhookSignature.sign(secret, body))));
      r.put("first_webhook_after_start_ms_" + k, (System.nanoTime() - b) / 1e6);
      if (resp.status() != 200) {
        failed++;
      }
      s.close();
    }
    r.put("startup_ms", startups);
    System.out.printf(Locale.ROOT, "run %d: %d connections in %.1f s, %.0f bytes/connection; resolve cold p99 %s µs, "
            + "cached p99 %s µs; handle first-touch p99 %s µs, cached p99 %s µs; start-up %s ms%n",
        run, tenants, connectSeconds, (heap1 - heap0) / (double) tenants, Stats.us(cold.sorted().percentile(99)),
        Stats.us(cached.sorted().percentile(99)), Stats.us(handleCold.sorted().percentile(99)),
        Stats.us(handleCached.sorted().percentile(99)), startups);
    return r;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, String>[] headerArray(int n) {
    return (Map<String, String>[]) new Map<?, ?>[n];
  }

  @SuppressWarnings("unchecked")
  private static long p(Map<String, Object> run, String key, String pct) {
    return ((Number) ((Map<String, Object>) run.get(key)).get(pct)).longValue();
  }

  private static String markdown(List<Map<String, Object>> runs, Map<String, Object> env, int tenants, int webhooks) {
    StringBuilder s = new StringBuilder();
    s.append("## Tenant scale (`TenantScale`)\n\n");
    s.append(String.format(Locale.ROOT, "JVM %s, %s cores, commit %s; %,d tenants with one WhatsApp connection each, "
        + "in-memory stores; %,d webhooks per pass. Ranges over %d runs.%n%n", env.get("jvm"), env.get("cores"),
        env.get("commit"), tenants, Math.min(webhooks, tenants), runs.size()));
    s.append("| figure | value |\n|---|---|\n");
    row(s, "connect all (s)", runs, m -> ((Number) m.get("connect_seconds")).doubleValue(), "%.1f");
    row(s, "heap per idle connection (bytes, used heap after GC, delta / tenants)", runs,
        m -> ((Number) m.get("heap_per_connection_bytes")).doubleValue(), "%.0f");
    row(s, "resolver cache per cached account (bytes)", runs,
        m -> ((Number) m.get("resolver_cache_bytes_per_entry")).doubleValue(), "%.0f");
    for (String key : List.of("resolve_cold_ns", "resolve_cached_ns", "webhook_handle_first_touch_ns",
        "webhook_handle_cached_ns")) {
      for (String pct : List.of("p50", "p99", "p99_9")) {
        row(s, key.replace("_ns", "") + " " + pct.replace('_', '.') + " (µs)", runs, m -> p(m, key, pct) / 1e3,
            "%.1f");
      }
    }
    row(s, "build + start over the populated stores (ms, 3 per run)", runs, null, null);
    s.setLength(s.length() - 1);
    List<Double> st = new ArrayList<>();
    for (Map<String, Object> m : runs) {
      for (Object o : (List<?>) m.get("startup_ms")) {
        st.add(((Number) o).doubleValue());
      }
    }
    s.append(InboundThroughput.range(st, "%.1f")).append(" |\n");
    row(s, "unresolved lookups / failed webhooks", runs,
        m -> ((Number) m.get("resolve_unresolved")).doubleValue() + ((Number) m.get("webhook_failed")).doubleValue(),
        "%.0f");
    return s.toString();
  }

  private static void row(StringBuilder s, String name, List<Map<String, Object>> runs,
      java.util.function.Function<Map<String, Object>, Double> f, String fmt) {
    s.append("| ").append(name).append(" | ");
    if (f != null) {
      s.append(InboundThroughput.range(runs.stream().map(f).toList(), fmt)).append(" |");
    }
    s.append('\n');
  }
}
