package io.switchboard.examples.engine;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Settings of the {@link EngineServer}. Built from command-line options (and, for {@code --meta=live},
 * the environment) by {@link #parse}, or directly by tests.
 *
 * @param port HTTP port (0 picks a free one)
 * @param db {@code mem}, {@code file} (H2 under {@code dataDir}) or a JDBC URL
 * @param dataDir where the H2 file database and the generated token key live
 * @param meta {@code emulator} (an in-process Meta emulator) or {@code live}
 * @param appId the Meta app id ({@code live}; logged, not secret); null in emulator mode
 * @param adminKey bearer key of the admin API; null generates one (logged once)
 * @param appSecret the Meta app secret (webhook signatures)
 * @param verifyToken the webhook verify token
 * @param metaBaseUrl Graph API base URL for {@code live}; null means graph.facebook.com
 * @param instagramBaseUrl graph.instagram.com base URL; null means the default
 * @param tokenKey base64 key that encrypts access tokens at rest; null reads/creates {@code dataDir/token.key}
 * @param demo seed two demo tenants and let emulated customers write
 * @param forwardTimeout how long a tenant's forward_url may take
 * @param handlerInitialBackoff first redelivery delay of a failed forward
 * @param handlerMaxBackoff longest redelivery delay of a failed forward
 */
public record EngineConfig(
    int port,
    String db,
    Path dataDir,
    String meta,
    String appId,
    String adminKey,
    String appSecret,
    String verifyToken,
    String metaBaseUrl,
    String instagramBaseUrl,
    String tokenKey,
    boolean demo,
    Duration forwardTimeout,
    Duration handlerInitialBackoff,
    Duration handlerMaxBackoff) {

  /** The environment variables {@code --meta=live} reads, each with the option that overrides it. */
  private static final List<Map.Entry<String, String>> LIVE_SETTINGS = List.of(
      Map.entry("META_APP_ID", "--app-id"),
      Map.entry("META_APP_SECRET", "--app-secret"),
      Map.entry("META_VERIFY_TOKEN", "--verify-token"));

  public EngineConfig {
    Objects.requireNonNull(db, "db");
    Objects.requireNonNull(dataDir, "dataDir");
    Objects.requireNonNull(meta, "meta");
    if (!meta.equals("emulator") && !meta.equals("live")) {
      throw new IllegalArgumentException("--meta must be emulator or live, not " + meta);
    }
    if (!db.equals("mem") && !db.equals("file") && !db.startsWith("jdbc:")) {
      throw new IllegalArgumentException("--db must be mem, file or a jdbc: URL, not " + db);
    }
    Objects.requireNonNull(forwardTimeout, "forwardTimeout");
    Objects.requireNonNull(handlerInitialBackoff, "handlerInitialBackoff");
    Objects.requireNonNull(handlerMaxBackoff, "handlerMaxBackoff");
  }

  /** Defaults: port 8080, H2 file database under {@code ./data}, the emulator, generated keys. */
  public static EngineConfig defaults() {
    return new EngineConfig(8080, "file", Path.of("data"), "emulator", null, null, "engine-app-secret",
        "engine-verify-token", null, null, null, false, Duration.ofSeconds(5), Duration.ofSeconds(1),
        Duration.ofMinutes(15));
  }

  public EngineConfig withPort(int v) {
    return new EngineConfig(v, db, dataDir, meta, appId, adminKey, appSecret, verifyToken, metaBaseUrl,
        instagramBaseUrl, tokenKey, demo, forwardTimeout, handlerInitialBackoff, handlerMaxBackoff);
  }

  public EngineConfig withDb(String v, Path dir) {
    return new EngineConfig(port, v, dir, meta, appId, adminKey, appSecret, verifyToken, metaBaseUrl, instagramBaseUrl,
        tokenKey, demo, forwardTimeout, handlerInitialBackoff, handlerMaxBackoff);
  }

  public EngineConfig withMeta(String v, String baseUrl, String igBaseUrl) {
    return new EngineConfig(port, db, dataDir, v, appId, adminKey, appSecret, verifyToken, baseUrl, igBaseUrl,
        tokenKey, demo, forwardTimeout, handlerInitialBackoff, handlerMaxBackoff);
  }

  public EngineConfig withAppId(String v) {
    return new EngineConfig(port, db, dataDir, meta, v, adminKey, appSecret, verifyToken, metaBaseUrl,
        instagramBaseUrl, tokenKey, demo, forwardTimeout, handlerInitialBackoff, handlerMaxBackoff);
  }

  public EngineConfig withSecrets(String admin, String app, String verify) {
    return new EngineConfig(port, db, dataDir, meta, appId, admin, app, verify, metaBaseUrl, instagramBaseUrl,
        tokenKey, demo, forwardTimeout, handlerInitialBackoff, handlerMaxBackoff);
  }

  public EngineConfig withTokenKey(String v) {
    return new EngineConfig(port, db, dataDir, meta, appId, adminKey, appSecret, verifyToken, metaBaseUrl,
        instagramBaseUrl, v, demo, forwardTimeout, handlerInitialBackoff, handlerMaxBackoff);
  }

  public EngineConfig withDemo(boolean v) {
    return new EngineConfig(port, db, dataDir, meta, appId, adminKey, appSecret, verifyToken, metaBaseUrl,
        instagramBaseUrl, tokenKey, v, forwardTimeout, handlerInitialBackoff, handlerMaxBackoff);
  }

  public EngineConfig withForwarding(Duration timeout, Duration initialBackoff, Duration maxBackoff) {
    return new EngineConfig(port, db, dataDir, meta, appId, adminKey, appSecret, verifyToken, metaBaseUrl,
        instagramBaseUrl, tokenKey, demo, timeout, initialBackoff, maxBackoff);
  }

  /**
   * Parses command-line options. {@code --meta=live} takes the app id, app secret and verify token
   * from {@code META_APP_ID}, {@code META_APP_SECRET} and {@code META_VERIFY_TOKEN} unless given as
   * {@code --app-id}, {@code --app-secret} and {@code --verify-token}, and names every one missing in
   * a single error. Accepts {@code --opt value} and {@code --opt=value}, and several options in one
   * argument (how Maven's exec:exec passes a property).
   *
   * @param rawArgs the command line
   * @param env the environment (the process's, or a map in tests)
   * @throws IllegalArgumentException for an unknown or incomplete option, naming it (never a value)
   */
  public static EngineConfig parse(String[] rawArgs, Map<String, String> env) {
    String[] args = Arrays.stream(rawArgs).flatMap(a -> Arrays.stream(a.trim().split("\\s+")))
        .filter(a -> !a.isEmpty()).toArray(String[]::new);
    EngineConfig c = defaults();
    Map<String, String> given = new HashMap<>(); // live settings by variable name
    for (int i = 0; i < args.length; i++) {
      String name = args[i];
      String value = null;
      int eq = name.indexOf('=');
      if (eq > 0) {
        value = name.substring(eq + 1);
        name = name.substring(0, eq);
      }
      if (name.equals("--demo")) {
        c = c.withDemo(true);
        continue;
      }
      if (value == null) {
        if (i + 1 >= args.length) {
          throw new IllegalArgumentException(name + " needs a value");
        }
        value = args[++i];
      }
      switch (name) {
        case "--port" -> c = c.withPort(Integer.parseInt(value));
        case "--db" -> c = c.withDb(value, c.dataDir());
        case "--data-dir" -> c = c.withDb(c.db(), Path.of(value));
        case "--meta" -> c = c.withMeta(value, c.metaBaseUrl(), c.instagramBaseUrl());
        case "--admin-key" -> c = c.withSecrets(value, c.appSecret(), c.verifyToken());
        case "--app-id" -> given.put("META_APP_ID", value);
        case "--app-secret" -> given.put("META_APP_SECRET", value);
        case "--verify-token" -> given.put("META_VERIFY_TOKEN", value);
        case "--meta-base-url" -> c = c.withMeta(c.meta(), value, c.instagramBaseUrl());
        case "--instagram-base-url" -> c = c.withMeta(c.meta(), c.metaBaseUrl(), value);
        case "--token-key" -> c = c.withTokenKey(value);
        default -> throw new IllegalArgumentException("unknown option " + name);
      }
    }
    if (c.meta().equals("live")) {
      if (c.demo()) {
        throw new IllegalArgumentException("--demo needs --meta=emulator");
      }
      List<String> missing = new ArrayList<>();
      for (Map.Entry<String, String> setting : LIVE_SETTINGS) {
        String value = given.getOrDefault(setting.getKey(), env.get(setting.getKey()));
        if (value == null || value.isBlank()) {
          missing.add(setting.getKey() + " (or " + setting.getValue() + ")");
        } else {
          given.put(setting.getKey(), value);
        }
      }
      if (!missing.isEmpty()) {
        throw new IllegalArgumentException("--meta=live needs the Meta app's settings; missing: "
            + String.join(", ", missing));
      }
    }
    if (c.tokenKey() == null && env.get("SWITCHBOARD_TOKEN_KEY") != null) {
      c = c.withTokenKey(env.get("SWITCHBOARD_TOKEN_KEY"));
    }
    if (c.adminKey() == null && env.get("ENGINE_ADMIN_KEY") != null) {
      c = c.withSecrets(env.get("ENGINE_ADMIN_KEY"), c.appSecret(), c.verifyToken());
    }
    return c.withAppId(given.get("META_APP_ID")).withSecrets(c.adminKey(),
        given.getOrDefault("META_APP_SECRET", c.appSecret()),
        given.getOrDefault("META_VERIFY_TOKEN", c.verifyToken()));
  }

  /** Hides the admin key, app secret, verify token and token key. */
  @Override
  public String toString() {
    return "EngineConfig[port=" + port + ", db=" + redactPassword(db) + ", dataDir="
        + dataDir + ", meta=" + meta + ", appId=" + appId + ", metaBaseUrl=" + metaBaseUrl + ", instagramBaseUrl="
        + instagramBaseUrl + ", demo=" + demo + ", secrets hidden]";
  }

  /** A JDBC URL fit for a log line: its {@code password=} value replaced by {@code ***}. */
  static String redactPassword(String jdbcUrl) {
    return jdbcUrl.replaceAll("(?i)(password=)[^&;]*", "$1***");
  }

  public static String usage() {
    return "options: --port N (8080) --db=mem|file|<jdbc url> (file: H2 under ./data) --data-dir DIR"
        + " --meta=emulator|live --admin-key K --app-id ID --app-secret S --verify-token T --meta-base-url URL"
        + " --instagram-base-url URL --token-key BASE64 --demo";
  }
}
