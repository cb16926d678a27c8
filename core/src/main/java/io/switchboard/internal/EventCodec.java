package io.switchboard.internal;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.switchboard.event.ChannelError;
import io.switchboard.event.ChannelNotification;
import io.switchboard.event.InboundContent;
import io.switchboard.event.InboundEvent;
import io.switchboard.event.MessageDeleted;
import io.switchboard.event.MessageEcho;
import io.switchboard.event.MessageReceived;
import io.switchboard.event.MessagesDelivered;
import io.switchboard.event.MessagesRead;
import io.switchboard.event.Postback;
import io.switchboard.event.ReferralReceived;
import io.switchboard.event.ReactionReceived;
import io.switchboard.event.StatusChanged;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Serialises inbound events to JSON for the inbox and back. The public model carries no Jackson
 * annotations; type ids are added here through mix-ins, with stable names that are part of the
 * stored format (renaming a record must not rename its type id).
 */
public final class EventCodec {

  @JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "@type")
  @JsonSubTypes({
    @JsonSubTypes.Type(value = MessageReceived.class, name = "message"),
    @JsonSubTypes.Type(value = ReactionReceived.class, name = "reaction"),
    @JsonSubTypes.Type(value = StatusChanged.class, name = "status"),
    @JsonSubTypes.Type(value = MessagesRead.class, name = "read"),
    @JsonSubTypes.Type(value = MessagesDelivered.class, name = "delivered"),
    @JsonSubTypes.Type(value = MessageEcho.class, name = "echo"),
    @JsonSubTypes.Type(value = MessageDeleted.class, name = "deleted"),
    @JsonSubTypes.Type(value = Postback.class, name = "postback"),
    @JsonSubTypes.Type(value = ReferralReceived.class, name = "referral"),
    @JsonSubTypes.Type(value = ChannelError.class, name = "error"),
    @JsonSubTypes.Type(value = ChannelNotification.class, name = "notification")
  })
  private interface EventMixin {}

  @JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "@type")
  @JsonSubTypes({
    @JsonSubTypes.Type(value = InboundContent.Text.class, name = "text"),
    @JsonSubTypes.Type(value = InboundContent.Media.class, name = "media"),
    @JsonSubTypes.Type(value = InboundContent.Location.class, name = "location"),
    @JsonSubTypes.Type(value = InboundContent.Contacts.class, name = "contacts"),
    @JsonSubTypes.Type(value = InboundContent.InteractiveReply.class, name = "interactive_reply"),
    @JsonSubTypes.Type(value = InboundContent.ButtonReply.class, name = "button_reply"),
    @JsonSubTypes.Type(value = InboundContent.Order.class, name = "order"),
    @JsonSubTypes.Type(value = InboundContent.Attachments.class, name = "attachments"),
    @JsonSubTypes.Type(value = InboundContent.System.class, name = "system"),
    @JsonSubTypes.Type(value = InboundContent.Unsupported.class, name = "unsupported")
  })
  private interface ContentMixin {}

  private final ObjectWriter writer;
  private final ObjectReader reader;

  /** Creates a codec. Thread-safe once built. */
  public EventCodec() {
    ObjectMapper mapper = RecordJson.mapper()
        .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
        .addMixIn(InboundEvent.class, EventMixin.class)
        .addMixIn(InboundContent.class, ContentMixin.class);
    this.writer = mapper.writerFor(InboundEvent.class);
    this.reader = mapper.readerFor(InboundEvent.class);
  }

  /**
   * Serialises an event.
   *
   * @param event the event
   * @return JSON text
   */
  public String encode(InboundEvent event) {
    try {
      return writer.writeValueAsString(event);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot serialise " + event.getClass().getSimpleName(), e);
    }
  }

  /**
   * Reads an event written by {@link #encode}.
   *
   * @param json JSON text
   * @return the event
   */
  public InboundEvent decode(String json) {
    try {
      return reader.readValue(json);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read stored event: " + e.getMessage(), e);
    }
  }

  /**
   * The stable type name of an event, as stored in the inbox.
   *
   * @param event the event
   * @return such as {@code message}
   */
  public static String typeName(InboundEvent event) {
    if (event instanceof MessageReceived) {
      return "message";
    } else if (event instanceof ReactionReceived) {
      return "reaction";
    } else if (event instanceof StatusChanged) {
      return "status";
    } else if (event instanceof MessagesRead) {
      return "read";
    } else if (event instanceof MessagesDelivered) {
      return "delivered";
    } else if (event instanceof MessageEcho) {
      return "echo";
    } else if (event instanceof MessageDeleted) {
      return "deleted";
    } else if (event instanceof Postback) {
      return "postback";
    } else if (event instanceof ReferralReceived) {
      return "referral";
    } else if (event instanceof ChannelError) {
      return "error";
    } else {
      return "notification";
    }
  }
}
