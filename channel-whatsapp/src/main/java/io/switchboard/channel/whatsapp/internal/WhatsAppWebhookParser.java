package io.switchboard.channel.whatsapp.internal;

import static io.switchboard.channel.whatsapp.internal.WaJson.array;
import static io.switchboard.channel.whatsapp.internal.WaJson.child;
import static io.switchboard.channel.whatsapp.internal.WaJson.object;
import static io.switchboard.channel.whatsapp.internal.WaJson.optNonEmpty;
import static io.switchboard.channel.whatsapp.internal.WaJson.path;
import static io.switchboard.channel.whatsapp.internal.WaJson.string;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import io.switchboard.ChannelType;
import io.switchboard.event.ChannelError;
import io.switchboard.event.ChannelNotification;
import io.switchboard.event.ErrorDetail;
import io.switchboard.event.InboundContent;
import io.switchboard.event.InboundEvent;
import io.switchboard.event.MessageReceived;
import io.switchboard.event.Pricing;
import io.switchboard.event.ReactionReceived;
import io.switchboard.event.Sender;
import io.switchboard.event.StatusChanged;
import io.switchboard.message.DeliveryStatus;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Parses WhatsApp Cloud API webhook bodies ({@code object = whatsapp_business_account}) into
 * {@link InboundEvent}s.
 *
 * <p>Every {@code entry[]} and every {@code changes[]} is visited; nothing is dropped:
 *
 * <ul>
 *   <li>{@code field = messages}: each {@code value.messages[]} becomes a {@link MessageReceived}
 *       (or a {@link ReactionReceived}), each {@code value.statuses[]} a {@link StatusChanged} (or,
 *       for a status string this version does not know, a {@link ChannelNotification} with topic
 *       {@code messages.statuses}), and a non-empty {@code value.errors[]} one {@link
 *       ChannelError}. The account is {@code value.metadata.phone_number_id}.
 *   <li>any other field becomes a {@link ChannelNotification} for the WhatsApp Business Account
 *       ({@code entry.id}) with the {@code value} as JSON.
 * </ul>
 *
 * <p>Ids of events without a channel id are SHA-256 digests of a canonical form of the content
 * (keys sorted), so a webhook delivered twice yields the same ids and is deduplicated downstream.
 *
 * <p>Structural problems (not an object, {@code entry} or {@code changes} not an array, a change
 * without {@code field}, a message without {@code id}) throw {@link IllegalArgumentException}
 * naming the JSON path, such as {@code entry[0].changes[0].value.messages[1].id}. Everything else
 * is lenient: missing optional fields become empty, and a message whose content cannot be read
 * becomes {@link InboundContent.Unsupported} with its raw JSON.
 *
 * <p>Walks the Jackson tree directly (no data binding). Stateless apart from the clock, so
 * thread-safe.
 */
public final class WhatsAppWebhookParser {

  /** The webhook {@code object} this parser accepts. */
  public static final String OBJECT = "whatsapp_business_account";

  /** Topic of notifications made from {@code statuses[]} with an unknown status. */
  public static final String UNKNOWN_STATUS_TOPIC = "messages.statuses";

  private static final ChannelType CHANNEL = ChannelType.WHATSAPP;
  private static final String MESSAGES_FIELD = "messages";

  private final Clock clock;

  /**
   * Creates a parser.
   *
   * @param clock used for events whose payload carries no time
   */
  public WhatsAppWebhookParser(Clock clock) {
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /**
   * Parses a webhook body.
   *
   * @param payload the body, {@code object = whatsapp_business_account}
   * @return the events, in payload order
   * @throws IllegalArgumentException if the payload's structure is not a WhatsApp webhook; the
   *     message names the offending JSON path
   */
  public List<InboundEvent> parse(JsonNode payload) {
    if (payload == null || !payload.isObject()) {
      throw new IllegalArgumentException(
          "$: webhook payload must be a JSON object, was " + (payload == null ? "null" : payload.getNodeType()));
    }
    JsonNode object = child(payload, "object");
    if (object != null && !OBJECT.equals(object.asText())) {
      throw new IllegalArgumentException("object: expected \"" + OBJECT + "\", was " + object);
    }
    JsonNode entries = payload.get("entry");
    if (entries == null || !entries.isArray()) {
      throw new IllegalArgumentException("entry: must be an array, was " + describe(entries));
    }
    List<InboundEvent> events = new ArrayList<>(Math.max(4, entries.size() * 2));
    for (int e = 0; e < entries.size(); e++) {
      JsonNode entry = entries.get(e);
      if (!entry.isObject()) {
        throw new IllegalArgumentException(path(e, -1, "") + ": must be an object, was " + describe(entry));
      }
      JsonNode changes = entry.get("changes");
      if (changes == null || !changes.isArray()) {
        throw new IllegalArgumentException(path(e, -1, "changes") + ": must be an array, was " + describe(changes));
      }
      for (int c = 0; c < changes.size(); c++) {
        parseChange(entry, e, changes.get(c), c, events);
      }
    }
    return events;
  }

  private void parseChange(JsonNode entry, int e, JsonNode change, int c, List<InboundEvent> out) {
    if (!change.isObject()) {
      throw new IllegalArgumentException(path(e, c, "") + ": must be an object, was " + describe(change));
    }
    String field = string(change, "field");
    if (field == null || field.isEmpty()) {
      throw new IllegalArgumentException(path(e, c, "field") + ": is required");
    }
    JsonNode value = change.get("value");
    if (MESSAGES_FIELD.equals(field)) {
      if (value == null || !value.isObject()) {
        throw new IllegalArgumentException(path(e, c, "value") + ": must be an object, was " + describe(value));
      }
      parseMessagesValue(entry, e, c, value, out);
    } else {
      out.add(notification(entry, e, c, field, value == null ? NullNode.getInstance() : value));
    }
  }

  // ---------------------------------------------------------------- field = messages

  private void parseMessagesValue(JsonNode entry, int e, int c, JsonNode value, List<InboundEvent> out) {
    String entryId = string(entry, "id");
    String accountId = string(object(value, "metadata"), "phone_number_id");
    if (accountId == null || accountId.isEmpty()) {
      accountId = entryId;
    }
    if (accountId == null || accountId.isEmpty()) {
      throw new IllegalArgumentException(
          path(e, c, "value.metadata.phone_number_id") + ": is required (and " + path(e, -1, "id") + " is missing too)");
    }

    boolean handled = false;

    JsonNode messages = child(value, "messages");
    if (messages != null) {
      if (!messages.isArray()) {
        throw new IllegalArgumentException(path(e, c, "value.messages") + ": must be an array, was " + describe(messages));
      }
      if (!messages.isEmpty()) {
        Contacts contacts = Contacts.of(array(value, "contacts"));
        for (int m = 0; m < messages.size(); m++) {
          out.add(message(accountId, contacts, messages.get(m), e, c, m));
        }
        handled = true;
      }
    }

    JsonNode statuses = child(value, "statuses");
    if (statuses != null) {
      if (!statuses.isArray()) {
        throw new IllegalArgumentException(path(e, c, "value.statuses") + ": must be an array, was " + describe(statuses));
      }
      for (int s = 0; s < statuses.size(); s++) {
        out.add(status(entryId, accountId, statuses.get(s), e, c, s));
        handled = true;
      }
    }

    JsonNode errors = child(value, "errors");
    if (errors != null) {
      if (!errors.isArray()) {
        throw new IllegalArgumentException(path(e, c, "value.errors") + ": must be an array, was " + describe(errors));
      }
      if (!errors.isEmpty()) {
        out.add(
            new ChannelError(
                CHANNEL,
                accountId,
                "err:" + WaJson.canonicalSha256(entryId, MESSAGES_FIELD, value),
                clock.instant(),
                WaMessageContent.errors(errors)));
        handled = true;
      }
    }

    if (!handled) {
      // A messages change with nothing we model (a new sub-array, or an empty update): pass it on.
      out.add(
          new ChannelNotification(
              CHANNEL,
              accountId,
              "n:" + WaJson.canonicalSha256(entryId, MESSAGES_FIELD, value),
              notificationTime(entry, value),
              MESSAGES_FIELD,
              value.toString()));
    }
  }

  private InboundEvent message(String accountId, Contacts contacts, JsonNode message, int e, int c, int m) {
    if (!message.isObject()) {
      throw new IllegalArgumentException(
          path(e, c, "value.messages[" + m + "]") + ": must be an object, was " + describe(message));
    }
    String id = string(message, "id");
    if (id == null || id.isEmpty()) {
      throw new IllegalArgumentException(path(e, c, "value.messages[" + m + "].id") + ": is required");
    }
    Instant occurredAt = timeOrNow(message);
    Sender sender = sender(message, contacts, e, c, m);
    String type = string(message, "type");
    if (type == null) {
      type = "";
    }
    List<ErrorDetail> errors = WaMessageContent.errors(child(message, "errors"));

    if ("reaction".equals(type) && errors.isEmpty()) {
      JsonNode reaction = object(message, "reaction");
      String target = string(reaction, "message_id");
      if (target != null && !target.isEmpty()) {
        return new ReactionReceived(CHANNEL, accountId, id, occurredAt, sender, target, optNonEmpty(reaction, "emoji"));
      }
      // A reaction without a target cannot be a ReactionReceived; fall through to Unsupported.
    }

    InboundContent content = "reaction".equals(type)
        ? WaMessageContent.unsupported(message, type, errors)
        : WaMessageContent.of(message, type, errors);
    return new MessageReceived(
        CHANNEL,
        accountId,
        id,
        occurredAt,
        sender,
        content,
        WaMessageContent.context(message),
        WaMessageContent.referral(message));
  }

  private static Sender sender(JsonNode message, Contacts contacts, int e, int c, int m) {
    String from = string(message, "from");
    String fromUserId = string(message, "from_user_id");
    if (from != null && from.isEmpty()) {
      from = null;
    }
    if (fromUserId != null && fromUserId.isEmpty()) {
      fromUserId = null;
    }
    JsonNode contact = contacts.find(from, fromUserId);
    String id = from != null ? from : fromUserId;
    if (id == null && contact != null) {
      // Neither from nor from_user_id: the single contact of this change is the sender.
      id = string(contact, "user_id");
      if (id == null || id.isEmpty()) {
        id = string(contact, "wa_id");
      }
    }
    if (id == null || id.isEmpty()) {
      throw new IllegalArgumentException(
          path(e, c, "value.messages[" + m + "].from") + ": is required (no from, from_user_id or single contact)");
    }
    JsonNode profile = object(contact, "profile");
    Optional<String> userId = fromUserId != null ? Optional.of(fromUserId) : optNonEmpty(contact, "user_id");
    return new Sender(id, optNonEmpty(profile, "name"), userId, optNonEmpty(profile, "username"));
  }

  // ---------------------------------------------------------------- statuses

  private InboundEvent status(String entryId, String accountId, JsonNode status, int e, int c, int s) {
    if (!status.isObject()) {
      throw new IllegalArgumentException(
          path(e, c, "value.statuses[" + s + "]") + ": must be an object, was " + describe(status));
    }
    String id = string(status, "id");
    if (id == null || id.isEmpty()) {
      throw new IllegalArgumentException(path(e, c, "value.statuses[" + s + "].id") + ": is required");
    }
    String statusText = string(status, "status");
    DeliveryStatus mapped = deliveryStatus(statusText);
    Instant occurredAt = timeOrNow(status);
    if (mapped == null) {
      return new ChannelNotification(
          CHANNEL,
          accountId,
          "n:" + WaJson.canonicalSha256(entryId, UNKNOWN_STATUS_TOPIC, status),
          occurredAt,
          UNKNOWN_STATUS_TOPIC,
          status.toString());
    }
    String recipient = string(status, "recipient_id");
    if (recipient == null || recipient.isEmpty()) {
      recipient = string(status, "recipient_user_id"); // username users: BSUID instead of a number
    }
    return new StatusChanged(
        CHANNEL,
        accountId,
        id + ":" + statusText,
        occurredAt,
        id,
        mapped,
        recipient == null ? "" : recipient,
        optNonEmpty(status, "biz_opaque_callback_data"),
        pricing(object(status, "pricing")),
        WaMessageContent.errors(child(status, "errors")));
  }

  private static DeliveryStatus deliveryStatus(String status) {
    if (status == null) {
      return null;
    }
    return switch (status) {
      case "sent" -> DeliveryStatus.SENT;
      case "delivered" -> DeliveryStatus.DELIVERED;
      case "read" -> DeliveryStatus.READ;
      case "played" -> DeliveryStatus.PLAYED;
      case "failed" -> DeliveryStatus.FAILED;
      default -> null;
    };
  }

  private static Optional<Pricing> pricing(JsonNode pricing) {
    if (pricing == null) {
      return Optional.empty();
    }
    return Optional.of(
        new Pricing(
            WaJson.optBoolean(pricing, "billable"),
            optNonEmpty(pricing, "pricing_model"),
            optNonEmpty(pricing, "type"),
            optNonEmpty(pricing, "category")));
  }

  // ---------------------------------------------------------------- other fields

  private ChannelNotification notification(JsonNode entry, int e, int c, String field, JsonNode value) {
    String entryId = string(entry, "id");
    if (entryId == null || entryId.isEmpty()) {
      throw new IllegalArgumentException(path(e, -1, "id") + ": is required for field \"" + field + "\" (change " + c + ")");
    }
    return new ChannelNotification(
        CHANNEL,
        entryId,
        "n:" + WaJson.canonicalSha256(entryId, field, value),
        notificationTime(entry, value),
        field,
        value.toString());
  }

  private Instant notificationTime(JsonNode entry, JsonNode value) {
    Instant time = value.isObject() ? WaJson.epochSeconds(value, "timestamp") : null;
    if (time == null) {
      time = WaJson.epochSecondsOrMillis(entry, "time");
    }
    return time != null ? time : clock.instant();
  }

  private Instant timeOrNow(JsonNode node) {
    Instant time = WaJson.epochSeconds(node, "timestamp");
    return time != null ? time : clock.instant();
  }

  private static String describe(JsonNode node) {
    return node == null || node.isMissingNode() ? "missing" : node.getNodeType().toString().toLowerCase(Locale.ROOT);
  }

  /** The {@code value.contacts[]} of one change, looked up by {@code wa_id} and {@code user_id}. */
  private static final class Contacts {
    private static final Contacts NONE = new Contacts(null, null);

    private final JsonNode single;
    private final Map<String, JsonNode> byId;

    private Contacts(JsonNode single, Map<String, JsonNode> byId) {
      this.single = single;
      this.byId = byId;
    }

    static Contacts of(JsonNode contacts) {
      if (contacts == null || contacts.isEmpty()) {
        return NONE;
      }
      if (contacts.size() == 1) {
        JsonNode only = contacts.get(0);
        return only.isObject() ? new Contacts(only, null) : NONE;
      }
      Map<String, JsonNode> byId = new HashMap<>(contacts.size() * 4);
      for (JsonNode contact : contacts) {
        if (!contact.isObject()) {
          continue;
        }
        String waId = string(contact, "wa_id");
        if (waId != null && !waId.isEmpty()) {
          byId.putIfAbsent("w:" + waId, contact);
        }
        String userId = string(contact, "user_id");
        if (userId != null && !userId.isEmpty()) {
          byId.putIfAbsent("u:" + userId, contact);
        }
      }
      return new Contacts(null, byId);
    }

    /** The sender's contact: matched by wa_id, then user_id, else the only contact, else null. */
    JsonNode find(String waId, String userId) {
      if (single != null) {
        return single;
      }
      if (byId == null) {
        return null;
      }
      JsonNode found = waId == null ? null : byId.get("w:" + waId);
      if (found == null && userId != null) {
        found = byId.get("u:" + userId);
      }
      return found;
    }
  }
}
