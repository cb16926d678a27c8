package io.switchboard.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Runs the inbound, outbound, scale and JMH benchmarks, each in its own JVM on this classpath, then writes
 * one report ({@code --out}/benchmark-report.md and .json, default {@code target/bench}) with every
 * figure, the targets, the machine, the JDK and the commit. {@code --quick} shortens everything
 * (smoke test, figures not meaningful). Options after {@code --inbound-args} etc. are passed on.
 */
public final class RunAll {

  private RunAll() {}

  public static void main(String[] args) throws Exception {
    Path out = Path.of(Env.opt(args, "--out", "target/bench"));
    boolean quick = List.of(Env.words(args)).contains("--quick");
    long started = System.nanoTime();
    Map<String, Object> env = Env.describe();
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    String cp = System.getProperty("java.class.path");
    String log = "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn";

    List<String> inbound = new ArrayList<>(List.of(java, "-Xms512m", "-Xmx1g", log, "-cp", cp,
        InboundThroughput.class.getName(), "--out", out.toString()));
    List<String> scale = new ArrayList<>(List.of(java, "-Xms1g", "-Xmx1g", log, "-cp", cp,
        TenantScale.class.getName(), "--out", out.toString()));
    List<String> outbound = new ArrayList<>(List.of(java, "-Xms512m", "-Xmx1g", log, "-cp", cp,
        OutboundThroughput.class.getName(), "--report", out.resolve("outbound.md").toString()));
    List<String> jmh = new ArrayList<>(List.of(java, log, "-cp", cp, "org.openjdk.jmh.Main",
        "-f", "1", "-w", "1s", "-rf", "json", "-rff", out.resolve("jmh.json").toString()));
    if (quick) {
      inbound.addAll(List.of("--seconds", "1", "--runs", "1", "--warmup", "1", "--warmup-max", "5"));
      scale.addAll(List.of("--runs", "1", "--tenants", "10000"));
      outbound.addAll(List.of("--runs", "1", "--messages", "2000"));
      jmh.addAll(List.of("-wi", "0", "-i", "1", "-r", "200ms"));
    } else {
      jmh.addAll(List.of("-wi", "2", "-i", "3", "-r", "1s"));
    }
    Files.createDirectories(out);
    Map<String, Double> durations = new LinkedHashMap<>();
    for (List<String> command : List.of(inbound, outbound, scale, jmh)) {
      String name = command.contains("org.openjdk.jmh.Main") ? "jmh"
          : command.contains(TenantScale.class.getName()) ? "scale"
          : command.contains(OutboundThroughput.class.getName()) ? "outbound" : "inbound";
      System.out.println("=== " + name);
      long t0 = System.nanoTime();
      int rc = new ProcessBuilder(command).inheritIO().start().waitFor();
      durations.put(name, (System.nanoTime() - t0) / 1e9);
      if (rc != 0) {
        throw new IllegalStateException(name + " exited with " + rc);
      }
    }

    JsonNode in = Env.JSON.readTree(out.resolve("inbound.json").toFile());
    JsonNode sc = Env.JSON.readTree(out.resolve("scale.json").toFile());
    JsonNode jm = Env.JSON.readTree(out.resolve("jmh.json").toFile());

    StringBuilder md = new StringBuilder();
    md.append("# Switchboard benchmark report\n\n");
    String took = durations.entrySet().stream()
        .map(d -> String.format(Locale.ROOT, "%s %.0f s", d.getKey(), d.getValue()))
        .collect(Collectors.joining(", "));
    md.append(String.format(Locale.ROOT, "Commit %s, measured %s. JVM %s; %s cores (%s), %s. Took %.0f s (%s).%n%n",
        env.get("commit"), env.get("measured_at"), env.get("jvm"), env.get("cores"), env.get("cpu"), env.get("os"),
        (System.nanoTime() - started) / 1e9, took));
    List<Map<String, Object>> targets = targets(in, sc);
    md.append("## Targets\n\n| target | figure | met |\n|---|---|---|\n");
    for (Map<String, Object> t : targets) {
      md.append("| ").append(t.get("target")).append(" | ").append(t.get("figure")).append(" | ")
          .append(Boolean.TRUE.equals(t.get("met")) ? "met" : "**not met**").append(" |\n");
    }
    md.append('\n');
    md.append(Files.readString(out.resolve("inbound.md"))).append('\n');
    md.append(Files.readString(out.resolve("outbound.md")).replaceFirst("^# ", "## ")).append('\n');
    md.append(Files.readString(out.resolve("scale.md"))).append('\n');
    md.append("## JMH (`-wi 2 -i 3 -f 1 -w 1s -r 1s`, average time)\n\n| benchmark | params | µs/op | ± (99.9 %) |\n"
        + "|---|---|---|---|\n");
    List<Map<String, Object>> jmhRows = new ArrayList<>();
    for (JsonNode b : jm) {
      String name = b.get("benchmark").asText().replace("io.switchboard.benchmarks.jmh.", "");
      String params = b.has("params") ? b.get("params").toString().replaceAll("[{}\"]", "") : "";
      double score = b.get("primaryMetric").get("score").asDouble();
      double error = b.get("primaryMetric").get("scoreError").asDouble();
      md.append(String.format(Locale.ROOT, "| %s | %s | %.2f | %.2f |%n", name, params, score, error));
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("benchmark", name);
      row.put("params", params);
      row.put("us_per_op", score);
      row.put("error", error);
      jmhRows.add(row);
    }
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("environment", env);
    json.put("durations_seconds", durations);
    json.put("targets", targets);
    json.put("inbound", in);
    json.put("outbound", Env.JSON.readTree(out.resolve("outbound.json").toFile()));
    json.put("scale", sc);
    json.put("jmh", jmhRows);
    json.put("total_seconds", (System.nanoTime() - started) / 1e9);
    Env.writeJson(out.resolve("benchmark-report.json"), json);
    Env.write(out.resolve("benchmark-report.md"), md.toString());
    System.out.println(md);
    System.out.println("written to " + out.resolve("benchmark-report.md").toAbsolutePath() + " and .json");
    System.exit(0);
  }

  private static List<Double> values(JsonNode measurements, String target, int batch, int rate, String field) {
    List<Double> v = new ArrayList<>();
    for (JsonNode m : measurements) {
      if (m.get("target").asText().equals(target) && m.get("batch").asInt() == batch
          && m.get("offeredRate").asInt() == rate) {
        double events = m.get("ok").asDouble() * batch / m.get("seconds").asDouble();
        v.add(field.equals("events") ? events : m.get(field).asDouble());
      }
    }
    return v;
  }

  private static Map<String, Object> target(String name, String figure, boolean met) {
    Map<String, Object> t = new LinkedHashMap<>();
    t.put("target", name);
    t.put("figure", figure);
    t.put("met", met);
    return t;
  }

  private static List<Map<String, Object>> targets(JsonNode in, JsonNode sc) {
    List<Map<String, Object>> t = new ArrayList<>();
    JsonNode ms = in.get("measurements");
    for (int batch : new int[] {1, 50}) {
      List<Double> bare = values(ms, "bare", batch, 0, "events");
      List<Double> mem = values(ms, "memory", batch, 0, "events");
      if (!bare.isEmpty() && bare.size() == mem.size()) {
        List<Double> ratios = new ArrayList<>();
        for (int i = 0; i < bare.size(); i++) {
          ratios.add(100 * mem.get(i) / bare.get(i));
        }
        t.add(target("inbound in-memory ≥ 60 % of the bare servlet's events/s (" + batch + " msg/POST, saturation)",
            InboundThroughput.range(ratios, "%.1f") + " % (" + InboundThroughput.range(mem, "%.0f") + " vs "
                + InboundThroughput.range(bare, "%.0f") + " events/s)",
            ratios.stream().allMatch(r -> r >= 60)));
      }
    }
    for (int batch : new int[] {1, 50}) {
      List<Double> pg = values(ms, "postgres", batch, 0, "events");
      if (!pg.isEmpty()) {
        t.add(target("inbound PostgreSQL ≥ 3,000 events/s (" + batch + " msg/POST, saturation)",
            InboundThroughput.range(pg, "%.0f") + " events/s", pg.stream().allMatch(v -> v >= 3000)));
      }
    }
    List<Double> p99 = values(ms, "postgres", 1, 1000, "p99");
    List<Double> achieved = values(ms, "postgres", 1, 1000, "events");
    if (!p99.isEmpty()) {
      t.add(target("inbound PostgreSQL p99 ≤ 50 ms at 1,000 POSTs/s (1 msg/POST)",
          InboundThroughput.range(p99.stream().map(v -> v / 1e6).toList(), "%.1f") + " ms (achieved "
              + InboundThroughput.range(achieved, "%.0f") + " events/s)",
          p99.stream().allMatch(v -> v <= 50e6) && achieved.stream().allMatch(v -> v >= 950)));
    }
    List<Double> heap = new ArrayList<>();
    List<Double> cold = new ArrayList<>();
    List<Double> cached = new ArrayList<>();
    for (JsonNode r : sc.get("runs")) {
      heap.add(r.get("heap_per_connection_bytes").asDouble());
      cold.add(r.get("resolve_cold_ns").get("p99").asDouble() / 1e3);
      cached.add(r.get("resolve_cached_ns").get("p99").asDouble() / 1e3);
    }
    t.add(target("scale ≤ 2 KB heap per idle connection (100,000 tenants)",
        InboundThroughput.range(heap, "%.0f") + " bytes", heap.stream().allMatch(v -> v <= 2048)));
    t.add(target("resolve p99 ≤ 0.1 ms (cached)", InboundThroughput.range(cached, "%.1f") + " µs",
        cached.stream().allMatch(v -> v <= 100)));
    t.add(target("resolve p99 ≤ 0.1 ms (cold: first lookup of each account)",
        InboundThroughput.range(cold, "%.1f") + " µs", cold.stream().allMatch(v -> v <= 100)));
    return t;
  }

}
