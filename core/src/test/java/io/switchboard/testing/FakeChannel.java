package io.switchboard.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.switchboard.ChannelType;
import io.switchboard.Secret;
import io.switchboard.ValidationException;
import io.switchboard.connection.ChannelConnection;
import io.switchboard.event.InboundContent;
import io.switchboard.event.InboundEvent;
import io.switchboard.event.ErrorDetail;
import io.switchboard.event.MessageReceived;
import io.switchboard.event.MessagesRead;
import io.switchboard.event.StatusChanged;
import io.switchboard.message.DeliveryStatus;
import io.switchboard.event.Sender;
import io.switchboard.message.SendReceipt;
import io.switchboard.message.SendRequest;
import io.switchboard.message.Text;
import io.switchboard.spi.ChannelAdapter;
import io.switchboard.spi.ChannelContext;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A minimal channel for core tests (core cannot depend on real channels). Webhook shape:
 * {@code {"object":"fake","events":[{"account":"A","id":"E","text":"hi","ts":1760000000}]}}, plus
 * {@code "kind":"status"} (message, status, to, error?) and {@code "kind":"read"} (from, watermark ms);
 * an event without {@code id} is a structural error. Sends {@link Text} only, at most 10
 * characters, as {@code POST /{account}/messages {"to":..,"text":..}}.
 */
public final class FakeChannel implements ChannelAdapter {

  public volatile ChannelContext context;
  private final ChannelType type;
  private final String object;

  /** A fake standing for WhatsApp, webhook object {@code fake}. */
  public FakeChannel() {
    this(ChannelType.WHATSAPP, "fake");
  }

  /**
   * A fake standing for another channel.
   *
   * @param type the channel it claims to be
   * @param object its webhook object
   */
  public FakeChannel(ChannelType type, String object) {
    this.type = type;
    this.object = object;
  }

  @Override
  public ChannelType channel() {
    return type;
  }

  @Override
  public Set<String> webhookObjects() {
    return Set.of(object);
  }

  @Override
  public void bind(ChannelContext context) {
    this.context = context;
  }

  @Override
  public List<InboundEvent> parseWebhook(JsonNode payload) {
    List<InboundEvent> out = new ArrayList<>();
    for (JsonNode e : payload.path("events")) {
      if (!e.hasNonNull("id")) {
        throw new IllegalArgumentException("events[].id is missing");
      }
      Instant at = Instant.ofEpochSecond(e.path("ts").asLong(1760000000L));
      String kind = e.path("kind").asText("message");
      if (kind.equals("status")) {
        out.add(new StatusChanged(type, e.path("account").asText(), e.get("id").asText(), at,
            e.path("message").asText(), DeliveryStatus.valueOf(e.path("status").asText().toUpperCase(java.util.Locale.ROOT)),
            e.path("to").asText(), Optional.empty(), Optional.empty(),
            e.has("error") ? List.of(new ErrorDetail(e.path("error").asInt(), "failed", Optional.empty(),
                Optional.of("async failure"), Optional.empty())) : List.of()));
        continue;
      }
      if (kind.equals("read")) {
        out.add(new MessagesRead(type, e.path("account").asText(), e.get("id").asText(), at, e.path("from").asText(),
            Optional.empty(), Optional.of(Instant.ofEpochMilli(e.path("watermark").asLong()))));
        continue;
      }
      out.add(new MessageReceived(
          type,
          e.path("account").asText(),
          e.get("id").asText(),
          at,
          Sender.of(e.path("from").asText("15550001111")),
          new InboundContent.Text(e.path("text").asText()),
          Optional.empty(),
          Optional.empty()));
    }
    return out;
  }

  @Override
  public List<ValidationException.Violation> validate(SendRequest request) {
    if (request.content() instanceof io.switchboard.message.Template) {
      return List.of();
    }
    if (!(request.content() instanceof Text t)) {
      return List.of(new ValidationException.Violation("content", "only text is supported"));
    }
    if (t.body().length() > 10) {
      return List.of(new ValidationException.Violation("text.body", "must be at most 10 characters (was " + t.body().length() + ")"));
    }
    return List.of();
  }

  @Override
  public SendReceipt send(ChannelConnection connection, Secret accessToken, SendRequest request) {
    ObjectNode body = JsonNodeFactory.instance.objectNode().put("to", request.to());
    if (request.content() instanceof io.switchboard.message.Template t) {
      body.put("template", t.name());
      t.components().forEach(c -> c.parameters().forEach(p -> body.put("param",
          ((io.switchboard.message.TemplateParameter.TextParameter) p).text())));
    } else {
      body.put("text", ((Text) request.content()).body());
    }
    if (request.messagingType() != io.switchboard.message.MessagingType.RESPONSE) {
      body.put("messaging_type", request.messagingType().name());
    }
    JsonNode answer = context.graph().post(connection.accountId() + "/messages", accessToken, body);
    return new SendReceipt(connection.tenant(), type, connection.accountId(), answer.path("id").asText(),
        Optional.empty(), Optional.empty());
  }
}
