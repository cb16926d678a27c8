package io.switchboard.testkit.emulator;

import io.switchboard.Secret;
import io.switchboard.Switchboard;
import io.switchboard.crypto.Keyring;
import io.switchboard.webhook.WebhookRequest;
import java.util.Objects;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A JUnit 5 extension that starts a {@link MetaEmulator} before each test and closes it after,
 * optionally with a {@link Switchboard} wired to it (Graph calls go to the emulator; the
 * emulator's webhooks go straight into {@code switchboard.webhooks()}):
 *
 * <pre>{@code
 * @RegisterExtension
 * final MetaEmulatorExtension meta = MetaEmulatorExtension.builder()
 *     .appSecret(Secret.of("app-secret"))
 *     .accounts(emulator -> emulator.whatsAppNumber("106540352242922", "102290129340398", "EAAG-token"))
 *     .switchboard((builder, emulator) -> builder.channel(WhatsAppChannel.create()).eventHandler(handler))
 *     .build();
 *
 * @Test
 * void replies() {
 *   meta.emulator().whatsAppCustomer("106540352242922", "16505551234", "Ana").sendsText("hi");
 *   meta.switchboard().inbox().dispatchDue();
 *   ...
 * }
 * }</pre>
 *
 * <p>The Switchboard is built from {@code Switchboard.builder()} with the app secret, a fresh
 * keyring, a verify token, in-memory stores, the emulator's base URL and clock; the customizer
 * then adds channels and handlers and may override any of those. It is not started (tests call
 * {@code dispatchDue()}), unless {@link Builder#startSwitchboard(boolean)} is set.
 */
public final class MetaEmulatorExtension implements BeforeEachCallback, AfterEachCallback {

  /** The verify token of the Switchboard this extension builds. */
  public static final String VERIFY_TOKEN = "emulator-verify-token";

  private final Secret appSecret;
  private final Consumer<MetaEmulator.Builder> emulatorCustomizer;
  private final Consumer<MetaEmulator> accounts;
  private final BiConsumer<Switchboard.Builder, MetaEmulator> switchboardCustomizer;
  private final boolean startSwitchboard;

  private MetaEmulator emulator;
  private Switchboard switchboard;

  private MetaEmulatorExtension(Builder b) {
    this.appSecret = b.appSecret;
    this.emulatorCustomizer = b.emulatorCustomizer;
    this.accounts = b.accounts;
    this.switchboardCustomizer = b.switchboardCustomizer;
    this.startSwitchboard = b.startSwitchboard;
  }

  /**
   * Starts a configuration.
   *
   * @return a builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * An extension with only an emulator (no Switchboard).
   *
   * @param appSecret the app secret webhooks are signed with
   * @return the extension
   */
  public static MetaEmulatorExtension withAppSecret(Secret appSecret) {
    return builder().appSecret(appSecret).build();
  }

  @Override
  public void beforeEach(ExtensionContext context) {
    MetaEmulator.Builder b = MetaEmulator.builder().appSecret(appSecret);
    emulatorCustomizer.accept(b);
    emulator = b.build().start();
    try {
      accounts.accept(emulator);
      if (switchboardCustomizer != null) {
        Switchboard.Builder sb = Switchboard.builder()
            .appSecret(appSecret)
            .verifyToken(Secret.of(VERIFY_TOKEN))
            .keyring(Keyring.builder().primary("emulator", Keyring.generateKeyBase64()).build())
            .inMemoryStores()
            .graphBaseUrl(emulator.baseUrl())
            .clock(emulator.clock());
        switchboardCustomizer.accept(sb, emulator);
        Switchboard built = sb.build();
        switchboard = built;
        emulator.webhookTarget((body, headers) -> built.webhooks().handle(WebhookRequest.post(body, headers)).status());
        if (startSwitchboard) {
          built.start();
        }
      }
    } catch (RuntimeException | Error e) {
      afterEach(context);
      throw e;
    }
  }

  @Override
  public void afterEach(ExtensionContext context) {
    try {
      if (switchboard != null) {
        switchboard.close();
      }
    } finally {
      switchboard = null;
      if (emulator != null) {
        emulator.close();
      }
      emulator = null;
    }
  }

  /**
   * The running emulator of the current test.
   *
   * @return the emulator
   * @throws IllegalStateException outside a test
   */
  public MetaEmulator emulator() {
    if (emulator == null) {
      throw new IllegalStateException("the emulator runs only during a test");
    }
    return emulator;
  }

  /**
   * The Switchboard of the current test.
   *
   * @return the Switchboard
   * @throws IllegalStateException outside a test or if no Switchboard was configured
   */
  public Switchboard switchboard() {
    if (switchboard == null) {
      throw new IllegalStateException(switchboardCustomizer == null
          ? "configure MetaEmulatorExtension.builder().switchboard(...) to get a Switchboard"
          : "the Switchboard exists only during a test");
    }
    return switchboard;
  }

  /**
   * The app secret.
   *
   * @return the secret shared by the emulator and the Switchboard
   */
  public Secret appSecret() {
    return appSecret;
  }

  /** Configures a {@link MetaEmulatorExtension}. */
  public static final class Builder {
    private Secret appSecret = Secret.of("emulator-app-secret");
    private Consumer<MetaEmulator.Builder> emulatorCustomizer = b -> { };
    private Consumer<MetaEmulator> accounts = e -> { };
    private BiConsumer<Switchboard.Builder, MetaEmulator> switchboardCustomizer;
    private boolean startSwitchboard;

    private Builder() {}

    /**
     * The app secret shared by the emulator and the Switchboard (default
     * {@code emulator-app-secret}).
     *
     * @param appSecret the secret
     * @return this builder
     */
    public Builder appSecret(Secret appSecret) {
      this.appSecret = Objects.requireNonNull(appSecret, "appSecret");
      return this;
    }

    /**
     * Adjusts the emulator's configuration (clock, port, status delay...).
     *
     * @param customizer called with the builder before each test
     * @return this builder
     */
    public Builder emulator(Consumer<MetaEmulator.Builder> customizer) {
      this.emulatorCustomizer = Objects.requireNonNull(customizer, "customizer");
      return this;
    }

    /**
     * Registers accounts (and anything else) on each new emulator, before the Switchboard is
     * built.
     *
     * @param setup called with the started emulator
     * @return this builder
     */
    public Builder accounts(Consumer<MetaEmulator> setup) {
      this.accounts = Objects.requireNonNull(setup, "setup");
      return this;
    }

    /**
     * Builds a Switchboard for each test wired to the emulator; the customizer registers channels
     * and handlers (for Instagram Login, pass {@code emulator.instagramBaseUrl()} to the channel's
     * config).
     *
     * @param customizer called with the prepared builder and the started emulator
     * @return this builder
     */
    public Builder switchboard(BiConsumer<Switchboard.Builder, MetaEmulator> customizer) {
      this.switchboardCustomizer = Objects.requireNonNull(customizer, "customizer");
      return this;
    }

    /**
     * Whether to call {@code Switchboard.start()} (background dispatch and sending). Off by
     * default.
     *
     * @param start true to start it
     * @return this builder
     */
    public Builder startSwitchboard(boolean start) {
      this.startSwitchboard = start;
      return this;
    }

    /**
     * Builds the extension.
     *
     * @return the extension
     */
    public MetaEmulatorExtension build() {
      return new MetaEmulatorExtension(this);
    }
  }
}
