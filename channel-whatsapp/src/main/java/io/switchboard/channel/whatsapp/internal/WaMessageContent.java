package io.switchboard.channel.whatsapp.internal;

import static io.switchboard.channel.whatsapp.internal.WaJson.array;
import static io.switchboard.channel.whatsapp.internal.WaJson.child;
import static io.switchboard.channel.whatsapp.internal.WaJson.flag;
import static io.switchboard.channel.whatsapp.internal.WaJson.object;
import static io.switchboard.channel.whatsapp.internal.WaJson.optNonEmpty;
import static io.switchboard.channel.whatsapp.internal.WaJson.optString;
import static io.switchboard.channel.whatsapp.internal.WaJson.string;

import com.fasterxml.jackson.databind.JsonNode;
import io.switchboard.event.ErrorDetail;
import io.switchboard.event.InboundContent;
import io.switchboard.event.MessageContext;
import io.switchboard.event.Referral;
import io.switchboard.message.ContactCard;
import io.switchboard.message.MediaKind;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Maps one WhatsApp {@code messages[]} object (other than reactions) to {@link InboundContent}.
 *
 * <p>Lenient by design: when a known type lacks what its record needs (an image without a media
 * id, an order line without a price), the message becomes {@link InboundContent.Unsupported} with
 * the raw JSON, so nothing is lost and nothing throws.
 */
final class WaMessageContent {

  private WaMessageContent() {}

  /**
   * The content of a message.
   *
   * @param message the {@code messages[]} element
   * @param type its {@code type} (never null; may be empty)
   * @param errors the message's own {@code errors[]}, already mapped
   * @return the content
   */
  static InboundContent of(JsonNode message, String type, List<ErrorDetail> errors) {
    if (!errors.isEmpty()) {
      // Meta attached errors: the typed payload is incomplete or unusable (for example a media file
      // that could not be fetched). Keep everything for the host rather than half a message.
      return unsupported(message, type, errors);
    }
    InboundContent content =
        switch (type) {
          case "text" -> text(message);
          case "image" -> media(message, "image", MediaKind.IMAGE);
          case "video" -> media(message, "video", MediaKind.VIDEO);
          case "audio" -> media(message, "audio", MediaKind.AUDIO);
          case "document" -> media(message, "document", MediaKind.DOCUMENT);
          case "sticker" -> media(message, "sticker", MediaKind.STICKER);
          case "location" -> location(message);
          case "contacts" -> contacts(message);
          case "interactive" -> interactive(message);
          case "button" -> button(message);
          case "order" -> order(message);
          case "system" -> system(message);
          default -> null;
        };
    return content != null ? content : unsupported(message, type, errors);
  }

  static InboundContent.Unsupported unsupported(JsonNode message, String type, List<ErrorDetail> errors) {
    return new InboundContent.Unsupported(type, errors, message.toString());
  }

  private static InboundContent text(JsonNode message) {
    String body = string(object(message, "text"), "body");
    return body == null ? null : new InboundContent.Text(body);
  }

  private static InboundContent media(JsonNode message, String field, MediaKind kind) {
    JsonNode media = object(message, field);
    String id = string(media, "id");
    if (id == null || id.isEmpty()) {
      return null;
    }
    return new InboundContent.Media(
        kind,
        id,
        optNonEmpty(media, "mime_type"),
        optNonEmpty(media, "sha256"),
        optString(media, "caption"),
        optString(media, "filename"),
        optNonEmpty(media, "url"),
        kind == MediaKind.AUDIO && flag(media, "voice"),
        kind == MediaKind.STICKER && flag(media, "animated"));
  }

  private static InboundContent location(JsonNode message) {
    JsonNode location = object(message, "location");
    Double latitude = WaJson.doubleValue(location, "latitude");
    Double longitude = WaJson.doubleValue(location, "longitude");
    if (latitude == null || longitude == null) {
      return null;
    }
    return new InboundContent.Location(
        latitude,
        longitude,
        optNonEmpty(location, "name"),
        optNonEmpty(location, "address"),
        optNonEmpty(location, "url"));
  }

  private static InboundContent contacts(JsonNode message) {
    JsonNode cards = array(message, "contacts");
    if (cards == null) {
      return null;
    }
    List<ContactCard> result = new ArrayList<>(cards.size());
    for (JsonNode card : cards) {
      if (card.isObject()) {
        result.add(contactCard(card));
      }
    }
    return new InboundContent.Contacts(result);
  }

  private static ContactCard contactCard(JsonNode card) {
    JsonNode name = object(card, "name");
    Optional<String> first = optNonEmpty(name, "first_name");
    Optional<String> last = optNonEmpty(name, "last_name");
    String formatted = string(name, "formatted_name");
    if (formatted == null || formatted.isEmpty()) {
      formatted = (first.orElse("") + " " + last.orElse("")).trim();
    }

    List<ContactCard.Phone> phones = new ArrayList<>();
    JsonNode phoneArray = array(card, "phones");
    if (phoneArray != null) {
      for (JsonNode phone : phoneArray) {
        String number = string(phone, "phone");
        Optional<String> waId = optNonEmpty(phone, "wa_id");
        if (number == null) {
          // A phone entry with only a wa_id is still a reachable number.
          if (waId.isEmpty()) {
            continue;
          }
          number = waId.get();
        }
        phones.add(new ContactCard.Phone(number, optNonEmpty(phone, "type"), waId));
      }
    }

    List<ContactCard.Email> emails = new ArrayList<>();
    JsonNode emailArray = array(card, "emails");
    if (emailArray != null) {
      for (JsonNode email : emailArray) {
        String address = string(email, "email");
        if (address != null) {
          emails.add(new ContactCard.Email(address, optNonEmpty(email, "type")));
        }
      }
    }

    List<ContactCard.Url> urls = new ArrayList<>();
    JsonNode urlArray = array(card, "urls");
    if (urlArray != null) {
      for (JsonNode url : urlArray) {
        String address = string(url, "url");
        if (address != null) {
          urls.add(new ContactCard.Url(address, optNonEmpty(url, "type")));
        }
      }
    }

    List<ContactCard.Address> addresses = new ArrayList<>();
    JsonNode addressArray = array(card, "addresses");
    if (addressArray != null) {
      for (JsonNode address : addressArray) {
        if (address.isObject()) {
          addresses.add(
              new ContactCard.Address(
                  optNonEmpty(address, "street"),
                  optNonEmpty(address, "city"),
                  optNonEmpty(address, "state"),
                  optNonEmpty(address, "zip"),
                  optNonEmpty(address, "country"),
                  optNonEmpty(address, "country_code"),
                  optNonEmpty(address, "type")));
        }
      }
    }

    Optional<ContactCard.Organization> organization = Optional.empty();
    JsonNode org = object(card, "org");
    if (org != null) {
      Optional<String> company = optNonEmpty(org, "company");
      Optional<String> department = optNonEmpty(org, "department");
      Optional<String> title = optNonEmpty(org, "title");
      if (company.isPresent() || department.isPresent() || title.isPresent()) {
        organization = Optional.of(new ContactCard.Organization(company, department, title));
      }
    }

    return new ContactCard(
        formatted, first, last, phones, emails, urls, addresses, organization, birthday(string(card, "birthday")));
  }

  private static Optional<LocalDate> birthday(String text) {
    if (text == null || text.isEmpty()) {
      return Optional.empty();
    }
    try {
      return Optional.of(LocalDate.parse(text));
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }

  private static InboundContent interactive(JsonNode message) {
    JsonNode interactive = object(message, "interactive");
    String subtype = string(interactive, "type");
    if (subtype == null) {
      return null;
    }
    switch (subtype) {
      case "button_reply" -> {
        JsonNode reply = object(interactive, "button_reply");
        if (reply == null) {
          return null;
        }
        return new InboundContent.InteractiveReply(
            InboundContent.InteractiveReply.Kind.BUTTON,
            optString(reply, "id"),
            optString(reply, "title"),
            Optional.empty(),
            Optional.empty());
      }
      case "list_reply" -> {
        JsonNode reply = object(interactive, "list_reply");
        if (reply == null) {
          return null;
        }
        return new InboundContent.InteractiveReply(
            InboundContent.InteractiveReply.Kind.LIST,
            optString(reply, "id"),
            optString(reply, "title"),
            optNonEmpty(reply, "description"),
            Optional.empty());
      }
      case "nfm_reply" -> {
        JsonNode reply = object(interactive, "nfm_reply");
        if (reply == null) {
          return null;
        }
        // Flows have no business-defined id or title. The reply's "name" ("flow",
        // "address_message", ...) says which native flow answered, so it is the id; "body" is the
        // text the customer saw in the chat ("Sent"), so it is the title.
        JsonNode responseJson = child(reply, "response_json");
        Optional<String> response =
            responseJson == null
                ? Optional.empty()
                : Optional.of(responseJson.isTextual() ? responseJson.textValue() : responseJson.toString());
        return new InboundContent.InteractiveReply(
            InboundContent.InteractiveReply.Kind.FLOW,
            optNonEmpty(reply, "name"),
            optNonEmpty(reply, "body"),
            Optional.empty(),
            response);
      }
      default -> {
        return null;
      }
    }
  }

  private static InboundContent button(JsonNode message) {
    JsonNode button = object(message, "button");
    String payload = string(button, "payload");
    String text = string(button, "text");
    if (payload == null && text == null) {
      return null;
    }
    return new InboundContent.ButtonReply(payload == null ? "" : payload, text == null ? "" : text);
  }

  private static InboundContent order(JsonNode message) {
    JsonNode order = object(message, "order");
    String catalogId = string(order, "catalog_id");
    if (catalogId == null) {
      return null;
    }
    List<InboundContent.OrderItem> items = new ArrayList<>();
    JsonNode products = array(order, "product_items");
    if (products != null) {
      for (JsonNode product : products) {
        String retailerId = string(product, "product_retailer_id");
        Integer quantity = WaJson.intValue(product, "quantity");
        BigDecimal price = WaJson.decimal(product, "item_price");
        String currency = string(product, "currency");
        if (retailerId == null || quantity == null || price == null || currency == null) {
          return null; // an order with an unreadable line must not look complete
        }
        items.add(new InboundContent.OrderItem(retailerId, quantity, price, currency));
      }
    }
    return new InboundContent.Order(catalogId, optNonEmpty(order, "text"), items);
  }

  private static InboundContent system(JsonNode message) {
    JsonNode system = object(message, "system");
    if (system == null) {
      return null;
    }
    String type = string(system, "type");
    Optional<String> newId = optNonEmpty(system, "wa_id");
    if (newId.isEmpty()) {
      newId = optNonEmpty(system, "new_wa_id");
    }
    return new InboundContent.System(
        type == null || type.isEmpty() ? "system" : type, optNonEmpty(system, "body"), newId);
  }

  /** Maps an {@code errors[]} array; absent or empty gives an empty list. */
  static List<ErrorDetail> errors(JsonNode errors) {
    if (errors == null || !errors.isArray() || errors.isEmpty()) {
      return List.of();
    }
    List<ErrorDetail> result = new ArrayList<>(errors.size());
    for (JsonNode error : errors) {
      if (!error.isObject()) {
        continue;
      }
      Integer code = WaJson.intValue(error, "code");
      Optional<String> message = optNonEmpty(error, "message");
      String title = string(error, "title");
      if (title == null) {
        title = message.orElse("");
      }
      result.add(
          new ErrorDetail(
              code == null ? 0 : code,
              title,
              message,
              optNonEmpty(object(error, "error_data"), "details"),
              optNonEmpty(error, "href")));
    }
    return result;
  }

  /** Maps {@code messages[].context}; empty when absent. */
  static Optional<MessageContext> context(JsonNode message) {
    JsonNode context = object(message, "context");
    if (context == null) {
      return Optional.empty();
    }
    return Optional.of(
        new MessageContext(
            optNonEmpty(context, "id"),
            optNonEmpty(context, "from"),
            flag(context, "forwarded"),
            flag(context, "frequently_forwarded")));
  }

  /** Maps {@code messages[].referral} (click-to-WhatsApp ads); empty when absent. */
  static Optional<Referral> referral(JsonNode message) {
    JsonNode referral = object(message, "referral");
    if (referral == null) {
      return Optional.empty();
    }
    Optional<String> mediaUrl = optNonEmpty(referral, "image_url");
    if (mediaUrl.isEmpty()) {
      mediaUrl = optNonEmpty(referral, "video_url");
    }
    return Optional.of(
        new Referral(
            optNonEmpty(referral, "source_url"),
            optNonEmpty(referral, "source_id"),
            optNonEmpty(referral, "source_type"),
            optNonEmpty(referral, "headline"),
            optNonEmpty(referral, "body"),
            optNonEmpty(referral, "media_type"),
            mediaUrl,
            optNonEmpty(referral, "thumbnail_url"),
            optNonEmpty(referral, "ctwa_clid")));
  }
}
