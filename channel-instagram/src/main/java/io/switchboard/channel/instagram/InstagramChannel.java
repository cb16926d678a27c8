package io.switchboard.channel.instagram;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import io.switchboard.ChannelType;
import io.switchboard.Secret;
import io.switchboard.SwitchboardException;
import io.switchboard.TenantId;
import io.switchboard.ValidationException;
import io.switchboard.channel.instagram.internal.IgRoute;
import io.switchboard.channel.instagram.internal.InstagramMessageMapper;
import io.switchboard.channel.instagram.internal.InstagramValidator;
import io.switchboard.channel.instagram.internal.InstagramWebhookParser;
import io.switchboard.connection.ChannelConnection;
import io.switchboard.event.InboundEvent;
import io.switchboard.graph.GraphApiException;
import io.switchboard.graph.GraphClient;
import io.switchboard.message.SendReceipt;
import io.switchboard.message.SendRequest;
import io.switchboard.spi.ChannelAdapter;
import io.switchboard.spi.ChannelContext;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The Instagram channel: direct messages of a tenant's Instagram professional account.
 *
 * <p>Register it with {@code Switchboard.builder().channel(InstagramChannel.create())}. It parses
 * webhooks with {@code object = instagram}, sends text, media links, quick replies, button and
 * card templates, looks up customer profiles and subscribes accounts to webhooks. Thread-safe.
 *
 * <h2>Connections</h2>
 *
 * <p>A connection's account id is the Instagram professional account id, the value webhooks
 * carry in {@code entry.id}. Meta offers two setups, and each connection states which it uses in
 * the attribute {@link #LOGIN}; there is no default, because guessing wrong sends the token to the
 * wrong host:
 *
 * <ul>
 *   <li>{@link #LOGIN_INSTAGRAM} (Instagram API with Instagram Login): the token is an Instagram
 *       user token; calls go to {@link InstagramConfig#instagramGraphBaseUrl()} ({@code
 *       graph.instagram.com}), messages to {@code /{ig_account_id}/messages}.
 *   <li>{@link #LOGIN_FACEBOOK} (Instagram API with Facebook Login): the token is the linked Page's
 *       token and the attribute {@link #PAGE_ID} names that Page; calls go to Switchboard's Graph
 *       host ({@code graph.facebook.com}), messages to {@code /{page_id}/messages}.
 * </ul>
 *
 * <p>A missing or invalid {@code login} or {@code page_id} is reported as a {@link
 * ValidationException} naming the attribute ({@code attributes.login}, {@code
 * attributes.page_id}) when the connection is used, before any request.
 *
 * <pre>{@code
 * switchboard.connections().connect(ConnectRequest.builder()
 *     .tenant(tenant).channel(ChannelType.INSTAGRAM)
 *     .accountId("17841400000000001")                       // Instagram account id
 *     .attribute(InstagramChannel.LOGIN, InstagramChannel.LOGIN_FACEBOOK)
 *     .attribute(InstagramChannel.PAGE_ID, "100000000000001")
 *     .accessToken(Secret.of(pageToken))
 *     .build());
 * }</pre>
 *
 * <h2>Sending</h2>
 *
 * <p>{@code HUMAN_AGENT} requests carry {@code messaging_type:"MESSAGE_TAG"} and {@code
 * tag:"HUMAN_AGENT"} on both setups. {@code RESPONSE} and {@code UPDATE} are stated as {@code
 * messaging_type} on the Facebook Login path; on the Instagram Login path they are left out (as in
 * Meta's examples) unless {@link InstagramConfig#messagingTypeOnInstagramLogin()} is set.
 */
public final class InstagramChannel implements ChannelAdapter {

  /** Connection attribute: which setup the account was connected with. */
  public static final String LOGIN = IgRoute.LOGIN;
  /** Connection attribute: the Facebook Page linked to the account (Facebook Login only). */
  public static final String PAGE_ID = IgRoute.PAGE_ID;
  /** Value of {@link #LOGIN}: Instagram API with Facebook Login (Page token, graph.facebook.com). */
  public static final String LOGIN_FACEBOOK = IgRoute.Login.FACEBOOK.value();
  /** Value of {@link #LOGIN}: Instagram API with Instagram Login (Instagram token, graph.instagram.com). */
  public static final String LOGIN_INSTAGRAM = IgRoute.Login.INSTAGRAM.value();

  private final InstagramConfig config;
  private volatile Bound bound;

  /** Everything that exists once the channel is registered. */
  private record Bound(
      ChannelContext context, GraphClient instagramGraph, InstagramWebhookParser parser,
      Cache<String, InstagramProfile> profiles) {}

  private InstagramChannel(InstagramConfig config) {
    this.config = Objects.requireNonNull(config, "config");
  }

  /**
   * A channel with the default settings.
   *
   * @return the channel
   */
  public static InstagramChannel create() {
    return new InstagramChannel(InstagramConfig.defaults());
  }

  /**
   * A channel with the given settings.
   *
   * @param config the settings
   * @return the channel
   */
  public static InstagramChannel create(InstagramConfig config) {
    return new InstagramChannel(config);
  }

  @Override
  public ChannelType channel() {
    return ChannelType.INSTAGRAM;
  }

  @Override
  public Set<String> webhookObjects() {
    return Set.of(InstagramWebhookParser.OBJECT);
  }

  @Override
  public synchronized void bind(ChannelContext context) {
    Objects.requireNonNull(context, "context");
    if (bound != null) {
      throw new IllegalStateException("this InstagramChannel is already registered with a Switchboard");
    }
    Cache<String, InstagramProfile> profiles = null;
    if (config.profileCacheMaxSize() > 0 && !config.profileCacheTtl().isZero()) {
      Ticker ticker = () -> {
        Instant now = context.clock().instant();
        return now.getEpochSecond() * 1_000_000_000L + now.getNano();
      };
      profiles = Caffeine.newBuilder()
          .maximumSize(config.profileCacheMaxSize())
          .expireAfterWrite(config.profileCacheTtl())
          .ticker(ticker)
          .executor(Runnable::run) // maintenance on the calling thread: no pool threads
          .build();
    }
    bound = new Bound(
        context,
        context.graph().withBaseUrl(config.instagramGraphBaseUrl()),
        new InstagramWebhookParser(context.clock()),
        profiles);
  }

  /**
   * Parses an {@code instagram} webhook body; see {@link InstagramWebhookParser} for the mapping.
   *
   * @param payload the body
   * @return the events, in payload order, each with its own {@code entry.id} as account id
   * @throws IllegalArgumentException if the structure is broken; the message names the JSON path
   */
  @Override
  public List<InboundEvent> parseWebhook(JsonNode payload) {
    return bound().parser().parse(payload);
  }

  /**
   * Checks a request against Instagram's limits ({@link InstagramLimits}) without any I/O. The
   * connection's attributes are checked by {@link #send} (they are not part of the request).
   *
   * @param request the request
   * @return every problem, naming the field path, the limit and the actual value
   */
  @Override
  public List<ValidationException.Violation> validate(SendRequest request) {
    Objects.requireNonNull(request, "request");
    return InstagramValidator.validate(request, config.textMaxBytes());
  }

  /**
   * Sends a message through the setup the connection names: {@code POST /{page_id}/messages} on
   * Switchboard's Graph host (Facebook Login) or {@code POST /{ig_account_id}/messages} on the
   * Instagram host (Instagram Login), with the connection's token as bearer.
   *
   * @param connection the sending Instagram connection
   * @param accessToken its token (a Page token or an Instagram user token)
   * @param request the request
   * @return the receipt with Meta's {@code message_id} and {@code recipient_id}
   * @throws ValidationException if the request breaks a limit or the connection lacks an
   *     attribute; nothing is sent
   * @throws GraphApiException if Meta rejects the message
   * @throws io.switchboard.TransportException if no answer came back
   */
  @Override
  public SendReceipt send(ChannelConnection connection, Secret accessToken, SendRequest request) {
    Objects.requireNonNull(connection, "connection");
    Objects.requireNonNull(accessToken, "accessToken");
    List<ValidationException.Violation> problems = new ArrayList<>(validate(request));
    problems.addAll(IgRoute.problems(connection));
    if (!problems.isEmpty()) {
      throw new ValidationException(problems);
    }
    IgRoute route = IgRoute.of(connection);
    boolean statedType = route.login() == IgRoute.Login.FACEBOOK || config.messagingTypeOnInstagramLogin();
    JsonNode answer = graph(route).post(
        route.nodeId() + "/messages", accessToken, InstagramMessageMapper.toBody(request, statedType));
    return InstagramMessageMapper.toReceipt(connection, answer);
  }

  /**
   * Looks up a customer's profile: {@code GET /{igsid}?fields=name,username,profile_pic,...} on
   * the connection's host. Answers are cached per account and customer for {@link
   * InstagramConfig#profileCacheTtl()}. Meta answers only for customers who have messaged the
   * account.
   *
   * @param tenant the tenant
   * @param igAccountId the Instagram account, or empty for the tenant's only one
   * @param igsid the customer's Instagram-scoped id
   * @return the profile
   * @throws ValidationException if the id is not a plain Graph id or the connection lacks an
   *     attribute
   * @throws GraphApiException if Meta refuses; a rejected token also marks the connection
   */
  public InstagramProfile profile(TenantId tenant, Optional<String> igAccountId, String igsid) {
    Objects.requireNonNull(igsid, "igsid");
    if (!IgRoute.isGraphId(igsid)) {
      throw ValidationException.of("igsid", "must be an Instagram-scoped id (was '" + igsid + "')");
    }
    return run(tenant, igAccountId, (connection, route, token) -> {
      Cache<String, InstagramProfile> cache = bound().profiles();
      String key = connection.tenant().value() + '\u0000' + connection.accountId() + '\u0000' + igsid;
      InstagramProfile cached = cache == null ? null : cache.getIfPresent(key);
      if (cached != null) {
        return cached;
      }
      JsonNode answer = graph(route).get(igsid, token, Map.of("fields", InstagramMessageMapper.PROFILE_FIELDS));
      InstagramProfile profile = InstagramMessageMapper.toProfile(igsid, answer);
      if (cache != null) {
        cache.put(key, profile);
      }
      return profile;
    });
  }

  /**
   * Subscribes this app to the account's webhooks with {@link InstagramConfig#subscribedFields()}:
   * {@code POST /me/subscribed_apps} on the Instagram host with the Instagram token (Instagram
   * Login), or {@code POST /{page_id}/subscribed_apps} with the Page token (Facebook Login). The
   * fields travel as the {@code subscribed_fields} query parameter. Meta delivers webhooks only while
   * the app is live.
   *
   * @param tenant the tenant
   * @param igAccountId the Instagram account, or empty for the tenant's only one
   * @throws GraphApiException if Meta refuses; a rejected token also marks the connection
   * @throws SwitchboardException if Meta answers without {@code "success":true}
   */
  public void subscribeApp(TenantId tenant, Optional<String> igAccountId) {
    run(tenant, igAccountId, (connection, route, token) -> {
      String node = route.login() == IgRoute.Login.INSTAGRAM ? "me" : route.nodeId();
      JsonNode answer = graph(route).post(
          node + "/subscribed_apps", token, Map.of("subscribed_fields", String.join(",", config.subscribedFields())),
          JsonNodeFactory.instance.objectNode());
      JsonNode success = answer.path("success");
      if (!(success.isBoolean() && success.booleanValue())) {
        throw new SwitchboardException(
            "Instagram did not confirm the webhook subscription of " + connection.key() + " (answer: " + answer + ")");
      }
      return null;
    });
  }

  /**
   * The settings.
   *
   * @return the configuration
   */
  public InstagramConfig config() {
    return config;
  }

  @FunctionalInterface
  private interface Call<T> {
    T apply(ChannelConnection connection, IgRoute route, Secret token);
  }

  /** Resolves the tenant's connection and token, runs the call, and reports rejected tokens. */
  private <T> T run(TenantId tenant, Optional<String> igAccountId, Call<T> call) {
    Objects.requireNonNull(tenant, "tenant");
    Objects.requireNonNull(igAccountId, "igAccountId");
    ChannelContext context = bound().context();
    ChannelConnection connection = context.connection(tenant, ChannelType.INSTAGRAM, igAccountId);
    IgRoute route = IgRoute.of(connection);
    Secret token = context.accessToken(connection);
    try {
      return call.apply(connection, route, token);
    } catch (GraphApiException e) {
      if (e.isAuthError()) {
        context.reportAuthFailure(connection);
      }
      throw e;
    }
  }

  private GraphClient graph(IgRoute route) {
    Bound b = bound();
    return route.login() == IgRoute.Login.INSTAGRAM ? b.instagramGraph() : b.context().graph();
  }

  private Bound bound() {
    Bound b = bound;
    if (b == null) {
      throw new IllegalStateException("register this InstagramChannel with Switchboard.builder().channel(...) first");
    }
    return b;
  }
}
