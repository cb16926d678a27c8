package io.switchboard.channel.messenger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import io.switchboard.ChannelType;
import io.switchboard.Secret;
import io.switchboard.SwitchboardException;
import io.switchboard.TenantId;
import io.switchboard.ValidationException;
import io.switchboard.channel.messenger.internal.MessengerMessageMapper;
import io.switchboard.channel.messenger.internal.MessengerSupport;
import io.switchboard.channel.messenger.internal.MessengerValidator;
import io.switchboard.channel.messenger.internal.MessengerWebhookParser;
import io.switchboard.connection.ChannelConnection;
import io.switchboard.event.InboundEvent;
import io.switchboard.message.SendReceipt;
import io.switchboard.message.SendRequest;
import io.switchboard.spi.ChannelAdapter;
import io.switchboard.spi.ChannelContext;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The Messenger channel: a tenant's Facebook Page.
 *
 * <p>Register it with {@code Switchboard.builder().channel(MessengerChannel.create())} and connect
 * each Page with channel {@link ChannelType#MESSENGER}, the Page id as account id and a Page
 * access token (permissions {@code pages_messaging}, plus {@code pages_manage_metadata} for
 * {@link #subscribeApp}). It parses webhooks with {@code object = page} (events under both
 * {@code messaging[]} and the handover protocol's {@code standby[]}), sends text, media, quick
 * replies, button templates and card carousels through the Send API, and offers Messenger-only
 * operations: {@link #senderAction}, {@link #profile} (cached) and {@link #subscribeApp}.
 * Thread-safe.
 */
public final class MessengerChannel implements ChannelAdapter {

  private static final String PROFILE_FIELDS = "first_name,last_name,profile_pic";

  private final MessengerConfig config;
  private final MessengerSupport support;
  private volatile Bound bound;

  /** Everything that exists only once the channel is registered. */
  private record Bound(ChannelContext context, MessengerWebhookParser parser, Cache<ProfileKey, MessengerProfile> profiles) {}

  /** A cached profile is per Page: PSIDs are Page-scoped. */
  private record ProfileKey(String pageId, String psid) {}

  private MessengerChannel(MessengerConfig config) {
    this.config = Objects.requireNonNull(config, "config");
    this.support = new MessengerSupport(this::context);
  }

  /**
   * A channel with default settings.
   *
   * @return the channel
   */
  public static MessengerChannel create() {
    return new MessengerChannel(MessengerConfig.defaults());
  }

  /**
   * A channel with the given settings.
   *
   * @param config the settings
   * @return the channel
   */
  public static MessengerChannel create(MessengerConfig config) {
    return new MessengerChannel(config);
  }

  @Override
  public ChannelType channel() {
    return ChannelType.MESSENGER;
  }

  @Override
  public Set<String> webhookObjects() {
    return Set.of(MessengerWebhookParser.OBJECT);
  }

  @Override
  public synchronized void bind(ChannelContext context) {
    Objects.requireNonNull(context, "context");
    if (bound != null) {
      throw new IllegalStateException("this MessengerChannel is already registered with a Switchboard");
    }
    Clock clock = context.clock();
    Cache<ProfileKey, MessengerProfile> profiles = null;
    if (config.profileCacheEnabled()) {
      profiles = Caffeine.newBuilder()
          .maximumSize(config.profileCacheMaxSize())
          .expireAfterWrite(config.profileCacheTtl())
          .ticker(clockTicker(clock))
          .executor(Runnable::run)
          .build();
    }
    bound = new Bound(context, new MessengerWebhookParser(clock), profiles);
  }

  /** Reads Switchboard's clock, so profile expiry follows the same time as everything else. */
  private static Ticker clockTicker(Clock clock) {
    return () -> {
      Instant now = clock.instant();
      return Math.addExact(Math.multiplyExact(now.getEpochSecond(), 1_000_000_000L), now.getNano());
    };
  }

  /**
   * Parses a webhook with {@code object = page}; see {@link MessengerWebhookParser} for the
   * mapping. Events under {@code standby[]} (threads another app owns under the handover
   * protocol) are parsed exactly like those under {@code messaging[]}. Echoes of the Page's own
   * messages become {@link io.switchboard.event.MessageEcho}, never a received message.
   *
   * @param payload the webhook body
   * @return the events, in payload order
   * @throws IllegalArgumentException if the structure is not a Messenger webhook
   */
  @Override
  public List<InboundEvent> parseWebhook(JsonNode payload) {
    return bound().parser().parse(payload);
  }

  /**
   * Checks a request against the Send API limits ({@link MessengerLimits}) without any I/O.
   * Messenger sends {@code Text}, {@code Media} (image, video, audio, document; no captions),
   * {@code QuickReplies}, {@code ButtonTemplate} and {@code CardCarousel}; every other content is
   * refused with a violation.
   *
   * @param request the request
   * @return every problem found, each naming the field path, the limit and the actual value;
   *     empty if the request can be sent
   */
  @Override
  public List<ValidationException.Violation> validate(SendRequest request) {
    Objects.requireNonNull(request, "request");
    return MessengerValidator.validate(request);
  }

  /**
   * Sends a message: {@code POST /{version}/{page_id}/messages} with the connection's account id
   * as the Page id and the Page token. {@link io.switchboard.message.MessagingType#HUMAN_AGENT}
   * is sent as {@code messaging_type: MESSAGE_TAG, tag: HUMAN_AGENT}; the deprecated tags are not
   * offered (Meta answers them with error 100).
   *
   * @param connection the sending Page
   * @param accessToken its Page access token
   * @param request the request
   * @return the receipt: {@code message_id} and {@code recipient_id}
   * @throws ValidationException if the request breaks a limit; nothing is sent
   * @throws io.switchboard.graph.GraphApiException if Meta rejects the message
   * @throws io.switchboard.TransportException if no answer came back
   */
  @Override
  public SendReceipt send(ChannelConnection connection, Secret accessToken, SendRequest request) {
    Objects.requireNonNull(connection, "connection");
    Objects.requireNonNull(accessToken, "accessToken");
    List<ValidationException.Violation> problems = validate(request);
    if (!problems.isEmpty()) {
      throw new ValidationException(problems);
    }
    JsonNode answer = context().graph()
        .post(connection.accountId() + "/messages", accessToken, MessengerMessageMapper.toBody(request));
    return MessengerMessageMapper.toReceipt(connection, answer);
  }

  /**
   * Shows a typing indicator, hides it, or marks the person's messages as seen.
   *
   * @param tenant the tenant
   * @param pageId the Page, or empty for the tenant's only Page
   * @param psid the person's Page-scoped id
   * @param action the action
   * @throws ValidationException if the PSID is not digits
   * @throws io.switchboard.graph.GraphApiException if Meta rejects the call (a rejected token is
   *     reported to Switchboard first)
   */
  public void senderAction(TenantId tenant, Optional<String> pageId, String psid, SenderAction action) {
    Objects.requireNonNull(action, "action");
    requirePsid(psid);
    ChannelConnection page = support.page(tenant, pageId);
    ObjectNode body = MessengerMessageMapper.senderAction(psid, action);
    support.run(page, (graph, p, token) -> graph.post(p.accountId() + "/messages", token, body));
  }

  /**
   * Looks up a person's name and picture ({@code GET /{psid}?fields=first_name,last_name,
   * profile_pic} with the Page token). Answers are cached per Page and PSID for {@link
   * MessengerConfig#profileCacheTtl()}; failures are not cached. Meta only answers for people who
   * messaged the Page.
   *
   * @param tenant the tenant
   * @param pageId the Page, or empty for the tenant's only Page
   * @param psid the person's Page-scoped id
   * @return the profile
   * @throws ValidationException if the PSID is not digits
   * @throws io.switchboard.graph.GraphApiException if Meta rejects the call (a rejected token is
   *     reported to Switchboard first)
   */
  public MessengerProfile profile(TenantId tenant, Optional<String> pageId, String psid) {
    requirePsid(psid);
    Cache<ProfileKey, MessengerProfile> cache = bound().profiles();
    ChannelConnection page = support.page(tenant, pageId);
    ProfileKey key = new ProfileKey(page.accountId(), psid);
    if (cache != null) {
      MessengerProfile cached = cache.getIfPresent(key);
      if (cached != null) {
        return cached;
      }
    }
    // Fetched outside the cache's compute lock so a slow Graph call never blocks other keys.
    JsonNode answer = support.run(page,
        (graph, p, token) -> graph.get(psid, token, Map.of("fields", PROFILE_FIELDS)));
    MessengerProfile profile = new MessengerProfile(
        psid, text(answer, "first_name"), text(answer, "last_name"), text(answer, "profile_pic"));
    if (cache != null) {
      cache.put(key, profile);
    }
    return profile;
  }

  /**
   * Subscribes this Meta app to the Page's webhooks ({@code POST /{page_id}/subscribed_apps}) for
   * the fields in {@link MessengerConfig#subscribedFields()}. Needs a Page token with {@code
   * pages_manage_metadata}. Call it once after connecting a Page, and again after Meta disabled the
   * subscription following long webhook failures.
   *
   * @param tenant the tenant
   * @param pageId the Page, or empty for the tenant's only Page
   * @throws SwitchboardException if Meta answers without {@code "success": true}
   * @throws io.switchboard.graph.GraphApiException if Meta rejects the call (a rejected token is
   *     reported to Switchboard first)
   */
  public void subscribeApp(TenantId tenant, Optional<String> pageId) {
    ChannelConnection page = support.page(tenant, pageId);
    Map<String, String> query = Map.of("subscribed_fields", String.join(",", config.subscribedFields()));
    JsonNode answer = support.run(page, (graph, p, token) ->
        graph.post(p.accountId() + "/subscribed_apps", token, query, JsonNodeFactory.instance.objectNode()));
    JsonNode success = answer.get("success");
    if (success == null || !success.asBoolean(false)) {
      throw new SwitchboardException("Meta did not confirm the webhook subscription of Page " + page.accountId()
          + " (answer: " + answer + "); check that the token has pages_manage_metadata and the app is live");
    }
  }

  /**
   * The settings.
   *
   * @return the configuration
   */
  public MessengerConfig config() {
    return config;
  }

  private static Optional<String> text(JsonNode node, String field) {
    JsonNode value = node.get(field);
    return value == null || !value.isValueNode() || value.isNull() || value.asText().isEmpty()
        ? Optional.empty()
        : Optional.of(value.asText());
  }

  private static void requirePsid(String psid) {
    Objects.requireNonNull(psid, "psid");
    if (!MessengerValidator.isPsid(psid)) {
      throw ValidationException.of("recipient.id", "must be a Page-scoped user id of digits only (was '" + psid + "')");
    }
  }

  private Bound bound() {
    Bound b = bound;
    if (b == null) {
      throw new IllegalStateException("register this MessengerChannel with Switchboard.builder().channel(...) first");
    }
    return b;
  }

  private ChannelContext context() {
    return bound().context();
  }
}
