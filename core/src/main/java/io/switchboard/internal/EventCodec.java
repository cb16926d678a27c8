package io.switchboard.internal;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.io.SegmentedStringWriter;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
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
import java.util.Map;

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

  private final JsonFactory factory;
  private final ObjectReader reader;
  private final RecordStreams streams;

  /** Creates a codec. Thread-safe once built. */
  public EventCodec() {
    ObjectMapper mapper = dataBinding();
    this.factory = mapper.getFactory();
    this.reader = mapper.readerFor(InboundEvent.class);
    this.streams = new RecordStreams(mapper, Map.of(InboundEvent.class, EventMixin.class,
        InboundContent.class, ContentMixin.class));
  }

  /** The data-binding setup that defines the stored format (and reads what streaming cannot). */
  static ObjectMapper dataBinding() {
    return RecordJson.mapper()
        .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
        .addMixIn(InboundEvent.class, EventMixin.class)
        .addMixIn(InboundContent.class, ContentMixin.class);
  }

  /**
   * Serialises an event, in the JSON Jackson data binding gives it under the mix-ins above (the
   * stored format), written with the streaming API.
   *
   * @param event the event
   * @return JSON text
   */
  public String encode(InboundEvent event) {
    // as ObjectWriter.writeValueAsString does: pooled buffers, no intermediate copy
    try (SegmentedStringWriter out = new SegmentedStringWriter(factory._getBufferRecycler())) {
      try (JsonGenerator g = factory.createGenerator(out)) {
        streams.write(g, InboundEvent.class, event);
      }
      return out.getAndClear();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot serialise " + event.getClass().getSimpleName(), e);
    }
  }

  /**
   * Reads an event written by {@link #encode}, or by data binding: text in the shape {@code encode}
   * writes is streamed, anything else (older or hand-edited spellings) goes through data binding.
   *
   * @param json JSON text
   * @return the event
   */
  public InboundEvent decode(String json) {
    try {
      return decodeStreamed(json);
    } catch (IOException | RuntimeException e) {
      // not the streamed shape, or not JSON at all: data binding accepts or explains it
    }
    try {
      return reader.readValue(json);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read stored event: " + e.getMessage(), e);
    }
  }

  /**
   * The fast path of {@link #decode}: reads only the shape {@link #encode} writes.
   *
   * @param json JSON text
   * @return the event
   * @throws IOException if the text is not JSON
   * @throws RecordStreams.NotStreamable if it is not in that shape
   */
  InboundEvent decodeStreamed(String json) throws IOException {
    try (JsonParser p = factory.createParser(json)) {
      p.nextToken();
      return (InboundEvent) streams.read(p, InboundEvent.class);
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
