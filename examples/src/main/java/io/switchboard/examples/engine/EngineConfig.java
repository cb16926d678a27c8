package io.switchboard.examples.engine;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
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
    return new EngineConfig(8080, "file", Path.of("data"), "emulator", null, "engine-app-secret",
        "engine-verify-token", null, null, null, false, Duration.ofSeconds(5), Duration.ofSeconds(1),
        Duration.ofMinutes(15));
  }

  public EngineConfig withPort(int v) {
    return new EngineConfig(v, db, dataDir, meta, adminKey, appSecret, verifyToken, metaBaseUrl, instagramBaseUrl,
        tokenKey, demo, forwardTimeout, handlerInitialBackoff, handlerMaxBackoff);
  }

  public EngineConfig withDb(String v, Path dir) {
    return new EngineConfig(port, v, dir, meta, adminKey, appSecret, verifyToken, metaBaseUrl, instagramBaseUrl,
        tokenKey, demo, forwardTimeout, handlerInitialBackoff, handlerMaxBackoff);
  }

  public EngineConfig withMeta(String v, String baseUrl, String igBaseUrl) {
    return new EngineConfig(port, db, dataDir, v, adminKey, appSecret, verifyToken, baseUrl, igBaseUrl,
        tokenKey, demo, forwardTimeout, handlerInitialBackoff, handlerMaxBackoff);
  }

  public EngineConfig withSecrets(String admin, String app, String verify) {
    return new EngineConfig(port, db, dataDir, meta, admin, app, verify, metaBaseUrl, instagramBaseUrl,
        tokenKey, demo, forwardTimeout, handlerInitialBackoff, handlerMaxBackoff);
  }

  public EngineConfig withTokenKey(String v) {
    return new EngineConfig(port, db, dataDir, meta, adminKey, appSecret, verifyToken, metaBaseUrl, instagramBaseUrl,
        v, demo, forwardTimeout, handlerInitialBackoff, handlerMaxBackoff);
  }

  public EngineConfig withDemo(boolean v) {
    return new EngineConfig(port, db, dataDir, meta, adminKey, appSecret, verifyToken, metaBaseUrl, instagramBaseUrl,
        tokenKey, v, forwardTimeout, handlerInitialBackoff, handlerMaxBackoff);
  }

  public EngineConfig withForwarding(Duration timeout, Duration initialBackoff, Duration maxBackoff) {
    return new EngineConfig(port, db, dataDir, meta, adminKey, appSecret, verifyToken, metaBaseUrl, instagramBaseUrl,
        tokenKey, demo, timeout, initialBackoff, maxBackoff);
  }

  /**
   * Parses command-line options. {@code --meta=live} takes the app secret and verify token from
   * {@code META_APP_SECRET} and {@code META_VERIFY_TOKEN} (and notes {@code META_APP_ID}) unless given
   * as options. Accepts {@code --opt value} and {@code --opt=value}, and several options in one
   * argument (how Maven's exec:exec passes a property).
   */
  public static EngineConfig parse(String[] rawArgs, Map<String, String> env) {
    String[] args = Arrays.stream(rawArgs).flatMap(a -> Arrays.stream(a.trim().split("\\s+")))
        .filter(a -> !a.isEmpty()).toArray(String[]::new);
    EngineConfig c = defaults();
    String appSecret = null;
    String verifyToken = null;
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
        case "--app-secret" -> appSecret = value;
        case "--verify-token" -> verifyToken = value;
        case "--meta-base-url" -> c = c.withMeta(c.meta(), value, c.instagramBaseUrl());
        case "--instagram-base-url" -> c = c.withMeta(c.meta(), c.metaBaseUrl(), value);
        case "--token-key" -> c = c.withTokenKey(value);
        default -> throw new IllegalArgumentException("unknown option " + name);
      }
    }
    if (c.meta().equals("live")) {
      if (appSecret == null) {
        appSecret = env.get("META_APP_SECRET");
      }
      if (verifyToken == null) {
        verifyToken = env.get("META_VERIFY_TOKEN");
      }
      if (appSecret == null || verifyToken == null) {
        throw new IllegalArgumentException(
            "--meta=live needs META_APP_SECRET and META_VERIFY_TOKEN (or --app-secret / --verify-token)");
      }
      if (c.demo()) {
        throw new IllegalArgumentException("--demo needs --meta=emulator");
      }
    }
    if (c.tokenKey() == null && env.get("SWITCHBOARD_TOKEN_KEY") != null) {
      c = c.withTokenKey(env.get("SWITCHBOARD_TOKEN_KEY"));
    }
    if (c.adminKey() == null && env.get("ENGINE_ADMIN_KEY") != null) {
      c = c.withSecrets(env.get("ENGINE_ADMIN_KEY"), c.appSecret(), c.verifyToken());
    }
    return c.withSecrets(c.adminKey(), appSecret != null ? appSecret : c.appSecret(),
        verifyToken != null ? verifyToken : c.verifyToken());
  }

  public static String usage() {
    return "options: --port N (8080) --db=mem|file|<jdbc url> (file: H2 under ./data) --data-dir DIR"
        + " --meta=emulator|live --admin-key K --app-secret S --verify-token T --meta-base-url URL"
        + " --instagram-base-url URL --token-key BASE64 --demo";
  }
}
