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
import io.switchboard.event.MessageReceived;
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
 * {@code {"object":"fake","events":[{"account":"A","id":"E","text":"hi","ts":1760000000}]}};
 * an event without {@code id} is a structural error. Sends {@link Text} only, at most 10
 * characters, as {@code POST /{account}/messages {"to":..,"text":..}}.
 */
public final class FakeChannel implements ChannelAdapter {

  public volatile ChannelContext context;

  @Override
  public ChannelType channel() {
    return ChannelType.WHATSAPP;
  }

  @Override
  public Set<String> webhookObjects() {
    return Set.of("fake");
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
      out.add(new MessageReceived(
          ChannelType.WHATSAPP,
          e.path("account").asText(),
          e.get("id").asText(),
          Instant.ofEpochSecond(e.path("ts").asLong(1760000000L)),
          Sender.of(e.path("from").asText("15550001111")),
          new InboundContent.Text(e.path("text").asText()),
          Optional.empty(),
          Optional.empty()));
    }
    return out;
  }

  @Override
  public List<ValidationException.Violation> validate(SendRequest request) {
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
    ObjectNode body = JsonNodeFactory.instance.objectNode()
        .put("to", request.to())
        .put("text", ((Text) request.content()).body());
    JsonNode answer = context.graph().post(connection.accountId() + "/messages", accessToken, body);
    return new SendReceipt(connection.tenant(), channel(), connection.accountId(), answer.path("id").asText(),
        Optional.empty(), Optional.empty());
  }
}
