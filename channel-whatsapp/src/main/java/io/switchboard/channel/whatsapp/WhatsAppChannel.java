package io.switchboard.channel.whatsapp;

import com.fasterxml.jackson.databind.JsonNode;
import io.switchboard.ChannelType;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.switchboard.Secret;
import io.switchboard.TenantId;
import io.switchboard.ValidationException;
import io.switchboard.channel.whatsapp.internal.WaSendSupport;
import io.switchboard.channel.whatsapp.internal.WhatsAppMessageMapper;
import io.switchboard.channel.whatsapp.internal.WhatsAppValidator;
import io.switchboard.channel.whatsapp.internal.WhatsAppWebhookParser;
import io.switchboard.connection.ChannelConnection;
import io.switchboard.event.InboundEvent;
import io.switchboard.message.SendReceipt;
import io.switchboard.message.SendRequest;
import io.switchboard.spi.ChannelAdapter;
import io.switchboard.spi.ChannelContext;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The WhatsApp Cloud API channel.
 *
 * <p>Register it with {@code Switchboard.builder().channel(WhatsAppChannel.create())}. It parses
 * webhooks with {@code object = whatsapp_business_account}, sends every WhatsApp message type, and
 * gives access to WhatsApp-only operations (media, templates, read receipts). Thread-safe.
 */
public final class WhatsAppChannel implements ChannelAdapter {

  private final WhatsAppConfig config;
  private volatile ChannelContext context;
  private volatile WhatsAppWebhookParser parser;

  private final WaSendSupport support;
  private final WhatsAppMedia media;
  private final WhatsAppTemplates templates;

  private WhatsAppChannel(WhatsAppConfig config) {
    this.config = Objects.requireNonNull(config, "config");
    this.support = new WaSendSupport(this::context);
    this.media = new WhatsAppMedia(support, config);
    this.templates = new WhatsAppTemplates(support);
  }

  /**
   * A channel with default settings.
   *
   * @return the channel
   */
  public static WhatsAppChannel create() {
    return new WhatsAppChannel(WhatsAppConfig.defaults());
  }

  /**
   * A channel with the given settings.
   *
   * @param config the settings
   * @return the channel
   */
  public static WhatsAppChannel create(WhatsAppConfig config) {
    return new WhatsAppChannel(config);
  }

  @Override
  public ChannelType channel() {
    return ChannelType.WHATSAPP;
  }

  @Override
  public Set<String> webhookObjects() {
    return Set.of("whatsapp_business_account");
  }

  @Override
  public void bind(ChannelContext context) {
    if (this.context != null) {
      throw new IllegalStateException("this WhatsAppChannel is already registered with a Switchboard");
    }
    this.context = context;
    this.parser = new WhatsAppWebhookParser(context.clock());
  }

  @Override
  public List<InboundEvent> parseWebhook(JsonNode payload) {
    return bound().parserOrFail().parse(payload);
  }

  /**
   * Checks a request against WhatsApp's documented limits ({@link WhatsAppLimits}) without any
   * I/O.
   *
   * @param request the request
   * @return every problem found, each naming the field path, the limit and the actual value;
   *     empty if the request can be sent
   */
  @Override
  public List<ValidationException.Violation> validate(SendRequest request) {
    Objects.requireNonNull(request, "request");
    return WhatsAppValidator.validate(request);
  }

  /**
   * Sends a message: {@code POST /{version}/{phone_number_id}/messages} with the connection's
   * account id as the phone number id. Digits-only recipients are sent with a leading {@code +};
   * business-scoped user ids go in {@code recipient}.
   *
   * @param connection the sending WhatsApp connection
   * @param accessToken its token
   * @param request the request
   * @return the receipt: {@code messages[0].id}, {@code contacts[0].wa_id} and, for templates,
   *     {@code messages[0].message_status}
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
        .post(connection.accountId() + "/messages", accessToken, WhatsAppMessageMapper.toBody(request));
    return WhatsAppMessageMapper.toReceipt(connection, answer);
  }

  /**
   * Marks an inbound message (and every earlier one in the chat) as read, showing blue ticks.
   *
   * @param tenant the tenant
   * @param phoneNumberId the receiving phone number id, or empty for the tenant's only number
   * @param messageId the inbound message's {@code wamid}
   * @throws io.switchboard.graph.GraphApiException if Meta rejects the call
   */
  public void markRead(TenantId tenant, Optional<String> phoneNumberId, String messageId) {
    readReceipt(tenant, phoneNumberId, messageId, false);
  }

  /**
   * Marks an inbound message as read and shows a typing indicator to the customer until the next
   * reply or for at most 25 seconds. Use it only when a reply is on its way.
   *
   * @param tenant the tenant
   * @param phoneNumberId the receiving phone number id, or empty for the tenant's only number
   * @param messageId the inbound message's {@code wamid}
   * @throws io.switchboard.graph.GraphApiException if Meta rejects the call
   */
  public void showTypingIndicator(TenantId tenant, Optional<String> phoneNumberId, String messageId) {
    readReceipt(tenant, phoneNumberId, messageId, true);
  }

  /**
   * Media operations: upload, look up, download, delete.
   *
   * @return the media operations of this channel
   */
  public WhatsAppMedia media() {
    return media;
  }

  /**
   * Template management: list, create, delete.
   *
   * @return the template operations of this channel
   */
  public WhatsAppTemplates templates() {
    return templates;
  }

  private void readReceipt(TenantId tenant, Optional<String> phoneNumberId, String messageId, boolean typing) {
    Objects.requireNonNull(messageId, "messageId");
    if (messageId.isBlank()) {
      throw ValidationException.of("message_id", "must not be blank");
    }
    ObjectNode body = JsonNodeFactory.instance.objectNode();
    body.put("messaging_product", "whatsapp");
    body.put("status", "read");
    body.put("message_id", messageId);
    if (typing) {
      body.putObject("typing_indicator").put("type", "text");
    }
    support.run(tenant, phoneNumberId,
        (graph, connection, token) -> graph.post(connection.accountId() + "/messages", token, body));
  }

  /**
   * The settings.
   *
   * @return the configuration
   */
  public WhatsAppConfig config() {
    return config;
  }

  private WhatsAppChannel bound() {
    if (context == null) {
      throw new IllegalStateException("register this WhatsAppChannel with Switchboard.builder().channel(...) first");
    }
    return this;
  }

  private WhatsAppWebhookParser parserOrFail() {
    return parser;
  }

  ChannelContext context() {
    return bound().context;
  }
}
