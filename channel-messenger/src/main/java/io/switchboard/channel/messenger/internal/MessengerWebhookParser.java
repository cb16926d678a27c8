package io.switchboard.channel.messenger.internal;

import static io.switchboard.channel.messenger.internal.MsJson.child;
import static io.switchboard.channel.messenger.internal.MsJson.describe;
import static io.switchboard.channel.messenger.internal.MsJson.object;
import static io.switchboard.channel.messenger.internal.MsJson.opt;
import static io.switchboard.channel.messenger.internal.MsJson.string;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import io.switchboard.ChannelType;
import io.switchboard.event.ChannelNotification;
import io.switchboard.event.InboundContent;
import io.switchboard.event.InboundEvent;
import io.switchboard.event.MessageContext;
import io.switchboard.event.MessageDeleted;
import io.switchboard.event.MessageEcho;
import io.switchboard.event.MessageReceived;
import io.switchboard.event.MessagesDelivered;
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
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Parses Messenger webhook bodies ({@code object = page}) into {@link InboundEvent}s.
 *
 * <p>Every {@code entry[]} is visited; its {@code id} is the Page id and becomes the events'
 * account. Within an entry both {@code messaging[]} and {@code standby[]} are read the same way:
 * {@code standby[]} carries the events of conversations whose thread another app currently owns
 * under the handover protocol, so an app in a secondary role still sees them. Each item holds
 * {@code sender}, {@code recipient}, {@code timestamp} (milliseconds) and one event object:
 *
 * <ul>
 *   <li>{@code message}: a {@link MessageReceived}; with {@code is_echo} a {@link MessageEcho}
 *       (never a received message) whose account is the echo's sender (the Page); with {@code
 *       is_deleted} a {@link MessageDeleted}
 *   <li>{@code postback}: a {@link Postback}
 *   <li>{@code read}: a {@link MessagesRead} (watermark)
 *   <li>{@code delivery}: a {@link MessagesDelivered}
 *   <li>{@code reaction}: a {@link ReactionReceived}; an {@code unreact} has no emoji
 *   <li>{@code referral}: a {@link ReferralReceived}
 *   <li>anything else (opt-ins, policy enforcement, handover control such as {@code
 *       pass_thread_control}, future events): a {@link ChannelNotification} whose topic is the
 *       event's key and whose payload is the whole item
 * </ul>
 *
 * <p>Page {@code changes[]} (feed-style fields delivered under the same {@code page} object)
 * become {@link ChannelNotification}s with the change's {@code field} as topic.
 *
 * <p>Events without a channel id get one derived from their content (see each case), so the same
 * webhook delivered twice yields the same ids. Structural problems (not an object, {@code entry},
 * {@code messaging} or {@code attachments} not an array, an event item without {@code sender.id},
 * a message without {@code mid}) throw {@link IllegalArgumentException} naming the JSON path, such
 * as {@code entry[0].messaging[2].sender.id}. Items that end up as notifications need no sender
 * (checkbox-plugin opt-ins and handover role changes carry none).
 *
 * <p>Walks the Jackson tree directly. Stateless apart from the clock, so thread-safe.
 */
public final class MessengerWebhookParser {

  /** The webhook {@code object} this parser accepts. */
  public static final String OBJECT = "page";

  private static final ChannelType CHANNEL = ChannelType.MESSENGER;
  private static final Set<String> ENVELOPE_KEYS = Set.of("sender", "recipient", "timestamp");
  private static final List<String> EVENT_LISTS = List.of("messaging", "standby");

  private final Clock clock;

  /**
   * Creates a parser.
   *
   * @param clock used for events whose payload carries no time
   */
  public MessengerWebhookParser(Clock clock) {
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /**
   * Parses a webhook body.
   *
   * @param payload the body, {@code object = page}
   * @return the events in payload order (per entry: {@code messaging[]}, then {@code standby[]},
   *     then {@code changes[]})
   * @throws IllegalArgumentException if the structure is not a Messenger webhook; the message
   *     names the offending JSON path
   */
  public List<InboundEvent> parse(JsonNode payload) {
    if (payload == null || !payload.isObject()) {
      throw new IllegalArgumentException("$: webhook payload must be a JSON object, was " + describe(payload));
    }
    JsonNode object = child(payload, "object");
    if (object != null && !OBJECT.equals(object.asText())) {
      throw new IllegalArgumentException("object: expected \"" + OBJECT + "\", was " + object);
    }
    JsonNode entries = payload.get("entry");
    if (entries == null || !entries.isArray()) {
      throw new IllegalArgumentException("entry: must be an array, was " + describe(entries));
    }
    List<InboundEvent> events = new ArrayList<>();
    for (int e = 0; e < entries.size(); e++) {
      JsonNode entry = entries.get(e);
      String entryPath = "entry[" + e + "]";
      if (!entry.isObject()) {
        throw new IllegalArgumentException(entryPath + ": must be an object, was " + describe(entry));
      }
      Entry ctx = new Entry(entryPath, opt(entry, "id").orElse(null), MsJson.epochMillis(entry, "time"));
      for (String list : EVENT_LISTS) {
        JsonNode items = entry.get(list);
        if (items == null || items.isNull()) {
          continue;
        }
        if (!items.isArray()) {
          throw new IllegalArgumentException(entryPath + "." + list + ": must be an array, was " + describe(items));
        }
        for (int i = 0; i < items.size(); i++) {
          events.add(item(ctx, entryPath + "." + list + "[" + i + "]", items.get(i)));
        }
      }
      JsonNode changes = entry.get("changes");
      if (changes != null && !changes.isNull()) {
        if (!changes.isArray()) {
          throw new IllegalArgumentException(entryPath + ".changes: must be an array, was " + describe(changes));
        }
        for (int c = 0; c < changes.size(); c++) {
          events.add(change(ctx, entryPath + ".changes[" + c + "]", changes.get(c)));
        }
      }
    }
    return events;
  }

  /** What every item of one entry shares. */
  private record Entry(String path, String pageId, Instant time) {}

  // ---------------------------------------------------------------- one messaging item

  private InboundEvent item(Entry entry, String path, JsonNode item) {
    if (!item.isObject()) {
      throw new IllegalArgumentException(path + ": must be an object, was " + describe(item));
    }
    String senderId = opt(object(item, "sender"), "id").orElse(null);
    String recipientId = opt(object(item, "recipient"), "id").orElse(null);
    Instant at = MsJson.epochMillis(item, "timestamp");
    if (at == null) {
      at = entry.time() != null ? entry.time() : clock.instant();
    }
    Item it = new Item(entry, path, item, senderId, recipientId, at);

    JsonNode message = object(item, "message");
    if (message != null) {
      if (MsJson.flag(message, "is_echo")) {
        return echo(it, message);
      }
      return MsJson.flag(message, "is_deleted") ? deleted(it, message) : received(it, message);
    }
    JsonNode postback = object(item, "postback");
    if (postback != null) {
      return postback(it, postback);
    }
    JsonNode read = object(item, "read");
    if (read != null) {
      return read(it, read);
    }
    JsonNode delivery = object(item, "delivery");
    if (delivery != null) {
      return delivery(it, delivery);
    }
    JsonNode reaction = object(item, "reaction");
    if (reaction != null && opt(reaction, "mid").isPresent()) {
      return reaction(it, reaction);
    }
    JsonNode referral = object(item, "referral");
    if (referral != null) {
      return new ReferralReceived(
          CHANNEL, it.account(), "ref:" + MsJson.digest(it.account(), it.sender(), item), at,
          Sender.of(it.sender()), referral(referral));
    }
    return notification(it);
  }

  /** One messaging item with its resolved envelope. */
  private record Item(Entry entry, String path, JsonNode node, String senderId, String recipientId, Instant at) {

    /** The customer who caused the event; required for every modelled event. */
    String sender() {
      if (senderId == null) {
        throw new IllegalArgumentException(path + ".sender.id: is required");
      }
      return senderId;
    }

    /** The Page: {@code entry.id}, else the item's recipient. */
    String account() {
      if (entry.pageId() != null) {
        return entry.pageId();
      }
      if (recipientId != null) {
        return recipientId;
      }
      throw new IllegalArgumentException(entry.path() + ".id: is required (and " + path + ".recipient.id is missing too)");
    }

    long millis() {
      return at.toEpochMilli();
    }
  }

  private static String mid(Item it, JsonNode message) {
    return opt(message, "mid")
        .orElseThrow(() -> new IllegalArgumentException(it.path() + ".message.mid: is required"));
  }

  private static MessageReceived received(Item it, JsonNode message) {
    String sender = it.sender();
    String mid = mid(it, message);
    InboundContent content = content(message, it.path() + ".message");
    Optional<MessageContext> context = opt(object(message, "reply_to"), "mid")
        .map(replied -> new MessageContext(Optional.of(replied), Optional.empty(), false, false));
    Optional<Referral> referral = Optional.ofNullable(object(message, "referral")).map(MessengerWebhookParser::referral);
    return new MessageReceived(CHANNEL, it.account(), mid, it.at(), Sender.of(sender), content, context, referral);
  }

  private static MessageEcho echo(Item it, JsonNode message) {
    // An echo is the Page talking: the sender is the Page, the recipient the customer.
    if (it.senderId() == null) {
      throw new IllegalArgumentException(it.path() + ".sender.id: is required (the Page, for an echo)");
    }
    if (it.recipientId() == null) {
      throw new IllegalArgumentException(it.path() + ".recipient.id: is required (the customer, for an echo)");
    }
    return new MessageEcho(
        CHANNEL,
        it.senderId(),
        mid(it, message),
        it.at(),
        it.recipientId(),
        content(message, it.path() + ".message"),
        opt(message, "app_id"),
        opt(message, "metadata"));
  }

  private static MessageDeleted deleted(Item it, JsonNode message) {
    String sender = it.sender();
    String mid = mid(it, message);
    return new MessageDeleted(CHANNEL, it.account(), "del:" + mid + ":" + sender, it.at(), Sender.of(sender), mid);
  }

  private static Postback postback(Item it, JsonNode postback) {
    String sender = it.sender();
    String id = opt(postback, "mid").orElseGet(() -> "pb:" + MsJson.digest(it.account(), sender, it.node()));
    String payload = string(postback, "payload");
    return new Postback(
        CHANNEL,
        it.account(),
        id,
        it.at(),
        Sender.of(sender),
        payload == null ? "" : payload,
        opt(postback, "title"),
        Optional.ofNullable(object(postback, "referral")).map(MessengerWebhookParser::referral));
  }

  private static MessagesRead read(Item it, JsonNode read) {
    String reader = it.sender();
    Instant watermark = MsJson.epochMillis(read, "watermark");
    String mark = opt(read, "watermark").orElse(Long.toString(it.millis()));
    return new MessagesRead(
        CHANNEL, it.account(), "read:" + reader + ":" + mark, it.at(), reader, opt(read, "mid"),
        Optional.ofNullable(watermark));
  }

  private static MessagesDelivered delivery(Item it, JsonNode delivery) {
    String customer = it.sender();
    List<String> mids = new ArrayList<>();
    JsonNode midsNode = child(delivery, "mids");
    if (midsNode != null && midsNode.isArray()) {
      for (JsonNode mid : midsNode) {
        if (mid.isTextual() && !mid.textValue().isEmpty()) {
          mids.add(mid.textValue());
        }
      }
    }
    Instant watermark = MsJson.epochMillis(delivery, "watermark");
    StringBuilder id = new StringBuilder("delivery:").append(customer).append(':')
        .append(opt(delivery, "watermark").orElse(Long.toString(it.millis())));
    if (!mids.isEmpty()) {
      id.append(':').append(MsJson.digest(mids.toArray()), 0, 16);
    }
    return new MessagesDelivered(
        CHANNEL, it.account(), id.toString(), it.at(), customer, mids, Optional.ofNullable(watermark));
  }

  private static ReactionReceived reaction(Item it, JsonNode reaction) {
    String sender = it.sender();
    String target = string(reaction, "mid");
    String action = opt(reaction, "action").orElse("react");
    Optional<String> emoji = "unreact".equals(action)
        ? Optional.empty()
        // Fall back to the reaction's name so a react never looks like a removal.
        : opt(reaction, "emoji").or(() -> opt(reaction, "reaction"));
    String id = "react:" + target + ":" + sender + ":" + action + ":" + it.millis();
    return new ReactionReceived(CHANNEL, it.account(), id, it.at(), Sender.of(sender), target, emoji);
  }

  private static ChannelNotification notification(Item it) {
    String topic = "messaging";
    for (Iterator<String> names = it.node().fieldNames(); names.hasNext(); ) {
      String name = names.next();
      if (!ENVELOPE_KEYS.contains(name)) {
        topic = name;
        break;
      }
    }
    String account = it.account();
    return new ChannelNotification(
        CHANNEL, account, "n:" + MsJson.digest(account, topic, it.node()), it.at(), topic, it.node().toString());
  }

  private ChannelNotification change(Entry entry, String path, JsonNode change) {
    if (!change.isObject()) {
      throw new IllegalArgumentException(path + ": must be an object, was " + describe(change));
    }
    String field = opt(change, "field")
        .orElseThrow(() -> new IllegalArgumentException(path + ".field: is required"));
    if (entry.pageId() == null) {
      throw new IllegalArgumentException(entry.path() + ".id: is required for changes[]");
    }
    JsonNode value = change.get("value");
    if (value == null) {
      value = NullNode.getInstance();
    }
    Instant at = entry.time() != null ? entry.time() : clock.instant();
    return new ChannelNotification(
        CHANNEL, entry.pageId(), "n:" + MsJson.digest(entry.pageId(), field, value), at, field, value.toString());
  }

  // ---------------------------------------------------------------- content

  /** The content of a {@code message} object (received or echoed). */
  static InboundContent content(JsonNode message, String path) {
    Optional<String> text = opt(message, "text");
    JsonNode attachments = child(message, "attachments");
    if (attachments != null) {
      if (!attachments.isArray()) {
        throw new IllegalArgumentException(path + ".attachments: must be an array, was " + describe(attachments));
      }
      if (!attachments.isEmpty()) {
        List<InboundContent.Attachment> list = new ArrayList<>(attachments.size());
        for (int i = 0; i < attachments.size(); i++) {
          list.add(attachment(attachments.get(i), path + ".attachments[" + i + "]"));
        }
        return new InboundContent.Attachments(text, list);
      }
    }
    Optional<String> quickReply = opt(object(message, "quick_reply"), "payload");
    if (quickReply.isPresent()) {
      return new InboundContent.InteractiveReply(
          InboundContent.InteractiveReply.Kind.QUICK_REPLY, quickReply, text, Optional.empty(), Optional.empty());
    }
    if (text.isPresent()) {
      return new InboundContent.Text(text.get());
    }
    return new InboundContent.Unsupported(
        MsJson.flag(message, "is_unsupported") ? "unsupported" : "empty", List.of(), message.toString());
  }

  private static InboundContent.Attachment attachment(JsonNode attachment, String path) {
    if (!attachment.isObject()) {
      throw new IllegalArgumentException(path + ": must be an object, was " + describe(attachment));
    }
    String type = opt(attachment, "type").orElse("unknown");
    JsonNode payload = child(attachment, "payload");
    JsonNode payloadObject = payload != null && payload.isObject() ? payload : null;
    return new InboundContent.Attachment(
        type,
        Optional.ofNullable(kind(type)),
        opt(payloadObject, "url").or(() -> opt(attachment, "url")),
        opt(attachment, "title").or(() -> opt(payloadObject, "title")),
        // Until 30 Aug 2026 stickers also arrive as type image with a sticker_id (§4.1).
        opt(payloadObject, "sticker_id"),
        payload == null ? "null" : payload.toString());
  }

  private static MediaKind kind(String type) {
    return switch (type) {
      case "image" -> MediaKind.IMAGE;
      case "video" -> MediaKind.VIDEO;
      case "audio" -> MediaKind.AUDIO;
      case "file" -> MediaKind.DOCUMENT;
      case "sticker" -> MediaKind.STICKER;
      default -> null;
    };
  }

  /** A Messenger {@code referral} object (from a postback, a message or a referral event). */
  static Referral referral(JsonNode referral) {
    JsonNode ads = object(referral, "ads_context_data");
    Optional<String> photo = opt(ads, "photo_url");
    Optional<String> video = opt(ads, "video_url");
    Optional<String> mediaType = video.isPresent() ? Optional.of("video") : photo.map(p -> "image");
    return new Referral(
        opt(referral, "referer_uri"),
        opt(referral, "ad_id"),
        opt(referral, "source"),
        opt(ads, "ad_title"),
        Optional.empty(),
        mediaType,
        video.or(() -> photo),
        Optional.empty(),
        Optional.empty(),
        opt(referral, "ref"));
  }
}
