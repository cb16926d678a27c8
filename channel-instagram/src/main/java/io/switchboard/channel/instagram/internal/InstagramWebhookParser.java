package io.switchboard.channel.instagram.internal;

import static io.switchboard.channel.instagram.internal.IgJson.child;
import static io.switchboard.channel.instagram.internal.IgJson.digest;
import static io.switchboard.channel.instagram.internal.IgJson.epoch;
import static io.switchboard.channel.instagram.internal.IgJson.isTrue;
import static io.switchboard.channel.instagram.internal.IgJson.kind;
import static io.switchboard.channel.instagram.internal.IgJson.object;
import static io.switchboard.channel.instagram.internal.IgJson.optText;
import static io.switchboard.channel.instagram.internal.IgJson.text;

import com.fasterxml.jackson.databind.JsonNode;
import io.switchboard.ChannelType;
import io.switchboard.event.ChannelNotification;
import io.switchboard.event.InboundContent;
import io.switchboard.event.InboundEvent;
import io.switchboard.event.MessageContext;
import io.switchboard.event.MessageDeleted;
import io.switchboard.event.MessageEcho;
import io.switchboard.event.MessageReceived;
import io.switchboard.event.MessagesRead;
import io.switchboard.event.Postback;
import io.switchboard.event.ReactionReceived;
import io.switchboard.event.Referral;
import io.switchboard.event.ReferralReceived;
import io.switchboard.event.Sender;
import io.switchboard.message.MediaKind;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Parses Instagram messaging webhooks ({@code object = instagram}) into {@link InboundEvent}s.
 * Both setups (Facebook Login and Instagram Login) deliver the same envelope.
 *
 * <p>Every {@code entry[]} is read with {@code entry.id} (the Instagram professional account) as
 * the account id, then every item of {@code messaging[]}, {@code standby[]} (threads owned by
 * another app through handover; parsed exactly like {@code messaging[]}) and {@code changes[]}:
 *
 * <ul>
 *   <li>{@code message}: {@link MessageReceived}; with {@code is_echo} a {@link MessageEcho} (never
 *       a {@code MessageReceived}); with {@code is_deleted} a {@link MessageDeleted} (id
 *       {@code deleted:<mid>}); with {@code is_unsupported} a {@code MessageReceived} holding
 *       {@link InboundContent.Unsupported}.
 *   <li>{@code reaction}: {@link ReactionReceived}, id {@code react:<hash>} or {@code
 *       unreact:<hash>}; {@code postback}: {@link Postback}, id {@code postback:<mid>};
 *       {@code referral}: {@link ReferralReceived}; {@code read}: {@link MessagesRead}, id
 *       {@code read:<mid>}.
 *   <li>{@code changes[]} (comments, live comments, mentions, anything else), unknown messaging
 *       events and entries with nothing to read: {@link ChannelNotification} whose topic is the
 *       field (or the event's key) and whose payload is the JSON as received, id {@code n:<hash>}.
 * </ul>
 *
 * <p>Hashes are SHA-256 over a canonical form of the account id and the event JSON, so a webhook
 * delivered twice yields the same ids. Structural errors (no {@code entry} array, an entry without
 * {@code id}, a message without {@code mid}, an event without {@code sender.id}, ...) throw
 * {@link IllegalArgumentException} naming the JSON path. Stateless apart from the clock;
 * thread-safe.
 */
public final class InstagramWebhookParser {

  /** The webhook {@code object} this parser reads. */
  public static final String OBJECT = "instagram";

  /** Topic of a notification made from an entry that carried no event array at all. */
  public static final String ENTRY_TOPIC = "entry";

  private static final ChannelType CHANNEL = ChannelType.INSTAGRAM;
  private static final List<String> EVENT_ARRAYS = List.of("messaging", "standby");
  private static final Set<String> ENVELOPE_KEYS = Set.of("sender", "recipient", "timestamp");

  private final Clock clock;

  /**
   * Creates a parser.
   *
   * @param clock the time given to events whose payload carries none
   */
  public InstagramWebhookParser(Clock clock) {
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /**
   * Parses one webhook body.
   *
   * @param payload the body
   * @return the events in payload order
   * @throws IllegalArgumentException if the structure is broken; the message names the JSON path
   */
  public List<InboundEvent> parse(JsonNode payload) {
    if (payload == null || !payload.isObject()) {
      throw new IllegalArgumentException("$: the webhook body must be a JSON object, was " + kind(payload));
    }
    String object = text(payload, "object");
    if (object != null && !OBJECT.equals(object)) {
      throw new IllegalArgumentException("object: expected \"" + OBJECT + "\", was \"" + object + "\"");
    }
    JsonNode entries = payload.get("entry");
    if (entries == null || !entries.isArray()) {
      throw new IllegalArgumentException("entry: must be an array, was " + kind(entries));
    }
    List<InboundEvent> events = new ArrayList<>();
    for (int e = 0; e < entries.size(); e++) {
      parseEntry(entries.get(e), "entry[" + e + "]", events);
    }
    return events;
  }

  private void parseEntry(JsonNode entry, String at, List<InboundEvent> out) {
    if (!entry.isObject()) {
      throw new IllegalArgumentException(at + ": must be an object, was " + kind(entry));
    }
    String accountId = text(entry, "id");
    if (accountId == null || accountId.isEmpty()) {
      throw new IllegalArgumentException(at + ".id: is required (the Instagram account id)");
    }
    Instant entryTime = epoch(entry, "time");
    boolean sawArray = false;
    for (String name : EVENT_ARRAYS) {
      JsonNode items = array(entry, name, at);
      if (items != null) {
        sawArray = true;
        for (int i = 0; i < items.size(); i++) {
          out.add(event(accountId, entryTime, items.get(i), at + "." + name + "[" + i + "]"));
        }
      }
    }
    JsonNode changes = array(entry, "changes", at);
    if (changes != null) {
      sawArray = true;
      for (int c = 0; c < changes.size(); c++) {
        out.add(change(accountId, entryTime, changes.get(c), at + ".changes[" + c + "]"));
      }
    }
    if (!sawArray) {
      out.add(notification(accountId, ENTRY_TOPIC, entry, timeOr(entryTime)));
    }
  }

  private static JsonNode array(JsonNode node, String field, String at) {
    JsonNode value = child(node, field);
    if (value != null && !value.isArray()) {
      throw new IllegalArgumentException(at + "." + field + ": must be an array, was " + kind(value));
    }
    return value;
  }

  // ------------------------------------------------------------------ changes[]

  private InboundEvent change(String accountId, Instant entryTime, JsonNode change, String at) {
    if (!change.isObject()) {
      throw new IllegalArgumentException(at + ": must be an object, was " + kind(change));
    }
    String field = text(change, "field");
    if (field == null || field.isEmpty()) {
      throw new IllegalArgumentException(at + ".field: is required");
    }
    JsonNode value = change.path("value");
    Instant time = value.isObject() ? epoch(value, "timestamp") : null;
    return notification(accountId, field, value.isMissingNode() ? null : value, time != null ? time : timeOr(entryTime));
  }

  // ------------------------------------------------------------------ messaging[] / standby[]

  private InboundEvent event(String accountId, Instant entryTime, JsonNode event, String at) {
    if (!event.isObject()) {
      throw new IllegalArgumentException(at + ": must be an object, was " + kind(event));
    }
    Instant time = epoch(event, "timestamp");
    if (time == null) {
      time = timeOr(entryTime);
    }
    JsonNode message = object(event, "message");
    if (message != null) {
      return message(accountId, event, message, time, at);
    }
    JsonNode reaction = object(event, "reaction");
    if (reaction != null) {
      return reaction(accountId, event, reaction, time, at);
    }
    JsonNode postback = object(event, "postback");
    if (postback != null) {
      return new Postback(
          CHANNEL,
          accountId,
          optText(postback, "mid").map(mid -> "postback:" + mid).orElseGet(() -> "postback:" + digest(accountId, event)),
          time,
          sender(event, at),
          Optional.ofNullable(text(postback, "payload")).orElse(""),
          optText(postback, "title"),
          referral(object(postback, "referral")));
    }
    JsonNode read = object(event, "read");
    if (read != null) {
      return read(accountId, event, read, time, at);
    }
    JsonNode referral = object(event, "referral");
    if (referral != null) {
      return new ReferralReceived(
          CHANNEL, accountId, "referral:" + digest(accountId, event), time, sender(event, at),
          referral(referral).orElseThrow());
    }
    return notification(accountId, topicOf(event), event, time);
  }

  private InboundEvent message(String accountId, JsonNode event, JsonNode message, Instant time, String at) {
    String mid = text(message, "mid");
    if (mid == null || mid.isEmpty()) {
      throw new IllegalArgumentException(at + ".message.mid: is required");
    }
    if (isTrue(message, "is_deleted")) {
      return new MessageDeleted(CHANNEL, accountId, "deleted:" + mid, time, sender(event, at), mid);
    }
    InboundContent content = content(message, at + ".message");
    if (isTrue(message, "is_echo")) {
      // The business wrote this one: sender is the account, recipient the customer.
      String recipient = text(object(event, "recipient"), "id");
      if (recipient == null || recipient.isEmpty()) {
        throw new IllegalArgumentException(at + ".recipient.id: is required for an echo");
      }
      return new MessageEcho(
          CHANNEL, accountId, mid, time, recipient, content, optText(message, "app_id"), optText(message, "metadata"));
    }
    return new MessageReceived(
        CHANNEL, accountId, mid, time, sender(event, at), content, context(message), referral(object(message, "referral")));
  }

  private static InboundContent content(JsonNode message, String at) {
    if (isTrue(message, "is_unsupported")) {
      return new InboundContent.Unsupported("unsupported", List.of(), message.toString());
    }
    Optional<String> text = optText(message, "text");
    JsonNode quickReply = object(message, "quick_reply");
    if (quickReply != null && optText(quickReply, "payload").isPresent()) {
      return new InboundContent.InteractiveReply(
          InboundContent.InteractiveReply.Kind.QUICK_REPLY,
          optText(quickReply, "payload"),
          text,
          Optional.empty(),
          Optional.empty());
    }
    JsonNode attachments = array(message, "attachments", at);
    if (attachments != null && !attachments.isEmpty()) {
      List<InboundContent.Attachment> list = new ArrayList<>(attachments.size());
      for (int i = 0; i < attachments.size(); i++) {
        JsonNode a = attachments.get(i);
        if (!a.isObject()) {
          throw new IllegalArgumentException(at + ".attachments[" + i + "]: must be an object, was " + kind(a));
        }
        list.add(attachment(a));
      }
      return new InboundContent.Attachments(text, list);
    }
    if (text.isPresent()) {
      return new InboundContent.Text(text.get());
    }
    return new InboundContent.Unsupported("unknown", List.of(), message.toString());
  }

  private static InboundContent.Attachment attachment(JsonNode attachment) {
    String type = optText(attachment, "type").orElse("unknown");
    JsonNode payload = child(attachment, "payload");
    JsonNode payloadObject = payload != null && payload.isObject() ? payload : null;
    return new InboundContent.Attachment(
        type,
        mediaKind(type),
        optText(payloadObject, "url"),
        optText(payloadObject, "title").or(() -> optText(attachment, "title")),
        optText(payloadObject, "sticker_id"),
        payload == null ? "{}" : payload.toString());
  }

  /** The media kind of plain media types; shares, reels, story mentions and the like have none. */
  private static Optional<MediaKind> mediaKind(String type) {
    return switch (type) {
      case "image" -> Optional.of(MediaKind.IMAGE);
      case "video" -> Optional.of(MediaKind.VIDEO);
      case "audio" -> Optional.of(MediaKind.AUDIO);
      case "file" -> Optional.of(MediaKind.DOCUMENT);
      case "sticker" -> Optional.of(MediaKind.STICKER);
      default -> Optional.empty();
    };
  }

  private static Optional<MessageContext> context(JsonNode message) {
    JsonNode replyTo = object(message, "reply_to");
    if (replyTo == null) {
      return Optional.empty();
    }
    JsonNode story = object(replyTo, "story");
    return Optional.of(
        new MessageContext(
            optText(replyTo, "mid"), Optional.empty(), false, false, optText(story, "id"), optText(story, "url")));
  }

  /**
   * Maps an Instagram referral: {@code ad_id} (else {@code ads_context_data.post_id}) as source id,
   * {@code source} as source type, {@code ads_context_data.ad_title} as headline, the ad's photo or
   * video as media (a video's photo becomes the thumbnail), and {@code ref}.
   */
  static Optional<Referral> referral(JsonNode referral) {
    if (referral == null) {
      return Optional.empty();
    }
    JsonNode ads = object(referral, "ads_context_data");
    Optional<String> photo = optText(ads, "photo_url");
    Optional<String> video = optText(ads, "video_url");
    return Optional.of(
        new Referral(
            Optional.empty(),
            optText(referral, "ad_id").or(() -> optText(ads, "post_id")),
            optText(referral, "source"),
            optText(ads, "ad_title"),
            Optional.empty(),
            video.isPresent() ? Optional.of("video") : photo.map(p -> "image"),
            video.or(() -> photo),
            video.isPresent() ? photo : Optional.empty(),
            Optional.empty(),
            optText(referral, "ref")));
  }

  private static InboundEvent reaction(String accountId, JsonNode event, JsonNode reaction, Instant time, String at) {
    String mid = text(reaction, "mid");
    if (mid == null || mid.isEmpty()) {
      throw new IllegalArgumentException(at + ".reaction.mid: is required");
    }
    boolean removed = "unreact".equalsIgnoreCase(optText(reaction, "action").orElse("react"));
    Optional<String> emoji = removed
        ? Optional.empty()
        // Instagram sends the emoji; the named reaction (love, ...) or "other" stands in without one.
        : Optional.of(optText(reaction, "emoji").or(() -> optText(reaction, "reaction")).orElse("other"));
    String id = (removed ? "unreact:" : "react:") + digest(accountId, event);
    return new ReactionReceived(CHANNEL, accountId, id, time, sender(event, at), mid, emoji);
  }

  private InboundEvent read(String accountId, JsonNode event, JsonNode read, Instant time, String at) {
    Optional<String> mid = optText(read, "mid");
    Instant watermark = epoch(read, "watermark");
    if (mid.isEmpty() && watermark == null) {
      return notification(accountId, "read", event, time);
    }
    Sender reader = sender(event, at);
    String id = mid.map(m -> "read:" + m).orElseGet(() -> "read:" + reader.id() + ":" + watermark.toEpochMilli());
    return new MessagesRead(CHANNEL, accountId, id, time, reader.id(), mid, Optional.ofNullable(watermark));
  }

  private static Sender sender(JsonNode event, String at) {
    String id = text(object(event, "sender"), "id");
    if (id == null || id.isEmpty()) {
      throw new IllegalArgumentException(at + ".sender.id: is required");
    }
    return Sender.of(id);
  }

  private static String topicOf(JsonNode event) {
    for (String name : (Iterable<String>) event::fieldNames) {
      if (!ENVELOPE_KEYS.contains(name)) {
        return name;
      }
    }
    return "messaging";
  }

  private static ChannelNotification notification(String accountId, String topic, JsonNode value, Instant time) {
    String json = value == null ? "null" : value.toString();
    return new ChannelNotification(CHANNEL, accountId, "n:" + digest(accountId, topic, value), time, topic, json);
  }

  private Instant timeOr(Instant time) {
    return time != null ? time : clock.instant();
  }
}
