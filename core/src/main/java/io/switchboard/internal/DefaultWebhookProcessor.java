package io.switchboard.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.switchboard.Secret;
import io.switchboard.TenantId;
import io.switchboard.event.InboundEvent;
import io.switchboard.spi.AppendResult;
import io.switchboard.spi.ChannelAdapter;
import io.switchboard.spi.InboxEvent;
import io.switchboard.spi.InboxStore;
import io.switchboard.spi.MalformedWebhook;
import io.switchboard.spi.TenantResolver;
import io.switchboard.webhook.WebhookProcessor;
import io.switchboard.webhook.WebhookRequest;
import io.switchboard.webhook.WebhookSignature;
import io.switchboard.webhook.WebhookResponse;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The webhook pipeline: verify, parse, route, store, acknowledge. See {@link WebhookProcessor}. */
public final class DefaultWebhookProcessor implements WebhookProcessor {

  private static final Logger log = LoggerFactory.getLogger(DefaultWebhookProcessor.class);
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private final List<Secret> appSecrets;
  private final Secret verifyToken;
  private final Map<String, ChannelAdapter> adaptersByObject;
  private final TenantResolver resolver;
  private final InboxStore inbox;
  private final EventCodec codec;
  private final Clock clock;
  private final int maxBodyBytes;
  private final boolean orderByConversation;
  private final Runnable onNewEvents;

  /**
   * Creates the processor.
   *
   * @param appSecrets app secrets whose signatures are accepted
   * @param verifyToken the handshake token
   * @param adaptersByObject channel adapters by webhook {@code object}
   * @param resolver tenant routing
   * @param inbox durable storage
   * @param codec event serialisation
   * @param clock the clock
   * @param maxBodyBytes body size cap
   * @param orderByConversation whether to give events their conversation's ordering key
   * @param onNewEvents called after new events were stored (wakes the dispatcher)
   */
  public DefaultWebhookProcessor(
      List<Secret> appSecrets,
      Secret verifyToken,
      Map<String, ChannelAdapter> adaptersByObject,
      TenantResolver resolver,
      InboxStore inbox,
      EventCodec codec,
      Clock clock,
      int maxBodyBytes,
      boolean orderByConversation,
      Runnable onNewEvents) {
    this.appSecrets = List.copyOf(appSecrets);
    this.verifyToken = verifyToken;
    this.adaptersByObject = Map.copyOf(adaptersByObject);
    this.resolver = resolver;
    this.inbox = inbox;
    this.codec = codec;
    this.clock = clock;
    this.maxBodyBytes = maxBodyBytes;
    this.orderByConversation = orderByConversation;
    this.onNewEvents = onNewEvents;
  }

  @Override
  public int maxBodyBytes() {
    return maxBodyBytes;
  }

  @Override
  public WebhookResponse handle(WebhookRequest request) {
    switch (request.method()) {
      case "GET":
        return handshake(request);
      case "POST":
        return notification(request);
      default:
        return WebhookResponse.error(405, "method " + request.method() + " not allowed; use GET or POST");
    }
  }

  private WebhookResponse handshake(WebhookRequest request) {
    Optional<String> mode = request.queryParameter("hub.mode");
    Optional<String> challenge = request.queryParameter("hub.challenge");
    if (mode.isEmpty() || !mode.get().equals("subscribe") || challenge.isEmpty()) {
      return WebhookResponse.error(400, "expected hub.mode=subscribe with hub.challenge and hub.verify_token");
    }
    if (!verifyToken.matches(request.queryParameter("hub.verify_token").orElse(null))) {
      log.warn("webhook verification refused: hub.verify_token does not match");
      return WebhookResponse.error(403, "verify token does not match");
    }
    log.info("webhook subscription verified");
    return WebhookResponse.text(200, challenge.get());
  }

  private WebhookResponse notification(WebhookRequest request) {
    byte[] body = request.body();
    if (body.length > maxBodyBytes) {
      return WebhookResponse.error(413, "body exceeds " + maxBodyBytes + " bytes");
    }
    String header = request.header(WebhookSignature.HEADER).orElse(null);
    if (!signedWithAnAppSecret(header, body)) {
      log.warn("webhook refused: missing or invalid X-Hub-Signature-256 ({} bytes)", body.length);
      return WebhookResponse.error(401, "missing or invalid X-Hub-Signature-256");
    }
    Instant receivedAt = clock.instant();
    JsonNode root;
    try {
      root = MAPPER.readTree(body);
    } catch (IOException e) {
      return malformed(body, receivedAt, "body is not valid JSON: " + shortMessage(e), 400);
    }
    if (root == null || !root.isObject() || !root.path("object").isTextual()) {
      return malformed(body, receivedAt, "body has no \"object\" field", 400);
    }
    String object = root.get("object").asText();
    ChannelAdapter adapter = adaptersByObject.get(object);
    if (adapter == null) {
      // Signed by Meta but for a product no registered channel handles: keep it, do not make Meta retry.
      return malformed(body, receivedAt, "no channel registered for object '" + object + "'", 200);
    }
    List<InboundEvent> events;
    try {
      events = adapter.parseWebhook(root);
    } catch (RuntimeException e) {
      return malformed(body, receivedAt, adapter.channel() + " payload rejected: " + e.getMessage(), 400);
    }
    try {
      List<InboxEvent> records = new ArrayList<>(events.size());
      int unroutable = 0;
      for (InboundEvent event : events) {
        Optional<TenantId> tenant = resolver.resolve(event.channel(), event.accountId());
        if (tenant.isEmpty()) {
          unroutable++;
          log.warn("{} event {} for account {} has no tenant; kept as unroutable until the account is connected",
              event.channel(), event.externalId(), event.accountId());
        }
        records.add(new InboxEvent(
            UUID.randomUUID().toString(),
            event.channel(),
            event.externalId(),
            tenant,
            event.accountId(),
            EventCodec.typeName(event),
            codec.encode(event),
            receivedAt,
            orderByConversation ? ConversationKeys.of(event) : Optional.empty()));
      }
      AppendResult result = records.isEmpty() ? new AppendResult(List.of()) : inbox.append(records);
      int inserted = result.insertedCount();
      if (log.isDebugEnabled()) {
        log.debug("webhook {}: {} events, {} new, {} duplicates, {} unroutable",
            object, events.size(), inserted, result.duplicateCount(), unroutable);
      }
      if (inserted > 0) {
        onNewEvents.run();
      }
      return WebhookResponse.text(200, "EVENT_RECEIVED");
    } catch (RuntimeException e) {
      log.error("webhook could not be stored; answering 500 so that Meta retries", e);
      return WebhookResponse.error(500, "could not store the events; retry later");
    }
  }

  private boolean signedWithAnAppSecret(String header, byte[] body) {
    for (Secret secret : appSecrets) {
      if (WebhookSignature.verify(secret, header, body)) {
        return true;
      }
    }
    return false;
  }

  private WebhookResponse malformed(byte[] body, Instant receivedAt, String reason, int status) {
    try {
      inbox.recordMalformed(new MalformedWebhook(UUID.randomUUID().toString(), receivedAt, reason, body));
    } catch (RuntimeException e) {
      log.error("could not keep a malformed webhook body ({}); answering 500", reason, e);
      return WebhookResponse.error(500, "could not store the body; retry later");
    }
    log.warn("webhook body kept for inspection, not processed: {}", reason);
    return status == 200 ? WebhookResponse.text(200, "EVENT_RECEIVED") : WebhookResponse.error(status, reason);
  }

  private static String shortMessage(IOException e) {
    if (e instanceof JsonProcessingException j) {
      return j.getOriginalMessage();
    }
    return e.getMessage();
  }
}
