package io.switchboard.event;

import io.switchboard.message.ContactCard;
import io.switchboard.message.MediaKind;
import java.math.BigDecimal;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** What a customer's message contains. A sealed hierarchy; every kind is an immutable record. */
public sealed interface InboundContent {

  /**
   * Plain text.
   *
   * @param body the text
   */
  record Text(String body) implements InboundContent {
    /** Checks required fields. */
    public Text {
      Objects.requireNonNull(body, "body");
    }
  }

  /**
   * An image, video, audio file, voice note, document or sticker. Download it with the channel's
   * media API using {@link #mediaId()} (WhatsApp media ids stay downloadable for 7 days).
   *
   * @param kind what sort of media
   * @param mediaId the channel's media id
   * @param mimeType MIME type, if given
   * @param sha256 the file's hash as the channel reports it, if given
   * @param caption caption, if any
   * @param filename document file name, if any
   * @param url a direct download URL, if the channel included one
   * @param voice for audio: whether it is a recorded voice note
   * @param animated for stickers: whether it is animated
   */
  record Media(
      MediaKind kind,
      String mediaId,
      Optional<String> mimeType,
      Optional<String> sha256,
      Optional<String> caption,
      Optional<String> filename,
      Optional<String> url,
      boolean voice,
      boolean animated)
      implements InboundContent {
    /** Checks required fields. */
    public Media {
      Objects.requireNonNull(kind, "kind");
      Objects.requireNonNull(mediaId, "mediaId");
      Objects.requireNonNull(mimeType, "mimeType");
      Objects.requireNonNull(sha256, "sha256");
      Objects.requireNonNull(caption, "caption");
      Objects.requireNonNull(filename, "filename");
      Objects.requireNonNull(url, "url");
    }
  }

  /**
   * A shared location.
   *
   * @param latitude degrees
   * @param longitude degrees
   * @param name place name, if any
   * @param address address, if any
   * @param url place URL, if any
   */
  record Location(
      double latitude, double longitude, Optional<String> name, Optional<String> address, Optional<String> url)
      implements InboundContent {
    /** Checks required fields. */
    public Location {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(address, "address");
      Objects.requireNonNull(url, "url");
    }
  }

  /**
   * Shared contact cards.
   *
   * @param cards the cards
   */
  record Contacts(List<ContactCard> cards) implements InboundContent {
    /** Copies the list. */
    public Contacts {
      cards = List.copyOf(cards);
    }
  }

  /**
   * The customer tapped a reply button, picked a list row, or completed a flow.
   *
   * @param kind which interactive element
   * @param id the button or row id the business defined; for flows, the flow reply's name (such
   *     as {@code flow} or {@code address_message})
   * @param title the button or row title; for flows, the reply's body text (such as {@code Sent})
   * @param description the row description, if any
   * @param flowResponseJson for flows: the {@code response_json} string as sent
   */
  record InteractiveReply(
      Kind kind, Optional<String> id, Optional<String> title, Optional<String> description, Optional<String> flowResponseJson)
      implements InboundContent {
    /** Checks required fields. */
    public InteractiveReply {
      Objects.requireNonNull(kind, "kind");
      Objects.requireNonNull(id, "id");
      Objects.requireNonNull(title, "title");
      Objects.requireNonNull(description, "description");
      Objects.requireNonNull(flowResponseJson, "flowResponseJson");
    }

    /** Which interactive element was answered. */
    public enum Kind {
      /** A reply button. */
      BUTTON,
      /** A row of a list message. */
      LIST,
      /** A WhatsApp Flow ({@code nfm_reply}). */
      FLOW,
      /** A Messenger or Instagram quick reply; {@code id} is its payload, {@code title} its text. */
      QUICK_REPLY
    }
  }

  /**
   * Messenger and Instagram attachments (images, files, shared posts, reels, story mentions,
   * stickers), which arrive as URLs rather than media ids, possibly with text.
   *
   * @param text text sent with the attachments, if any
   * @param attachments the attachments, in order
   */
  record Attachments(Optional<String> text, List<Attachment> attachments) implements InboundContent {
    /** Copies the list. */
    public Attachments {
      Objects.requireNonNull(text, "text");
      attachments = List.copyOf(attachments);
    }
  }

  /**
   * One Messenger or Instagram attachment.
   *
   * @param type the channel's type: {@code image}, {@code video}, {@code audio}, {@code file},
   *     {@code sticker}, {@code share}, {@code story_mention}, {@code reel}, {@code ig_reel},
   *     {@code post}, {@code ig_post}, {@code fallback}, ...
   * @param kind the media kind where the type is plain media
   * @param url the payload URL, if any (channel CDN URLs expire)
   * @param title a title, if the channel gave one
   * @param stickerId the sticker id, for stickers
   * @param payloadJson the whole {@code payload} object as JSON, for anything not modelled
   */
  record Attachment(
      String type,
      Optional<MediaKind> kind,
      Optional<String> url,
      Optional<String> title,
      Optional<String> stickerId,
      String payloadJson) {
    /** Checks required fields. */
    public Attachment {
      Objects.requireNonNull(type, "type");
      Objects.requireNonNull(kind, "kind");
      Objects.requireNonNull(url, "url");
      Objects.requireNonNull(title, "title");
      Objects.requireNonNull(stickerId, "stickerId");
      Objects.requireNonNull(payloadJson, "payloadJson");
    }
  }

  /**
   * The customer tapped a quick-reply button of a template message.
   *
   * @param payload the payload set when the template was sent
   * @param text the button's label
   */
  record ButtonReply(String payload, String text) implements InboundContent {
    /** Checks required fields. */
    public ButtonReply {
      Objects.requireNonNull(payload, "payload");
      Objects.requireNonNull(text, "text");
    }
  }

  /**
   * A cart the customer sent from a catalog.
   *
   * @param catalogId the catalog
   * @param text accompanying text, if any
   * @param items the products
   */
  record Order(String catalogId, Optional<String> text, List<OrderItem> items) implements InboundContent {
    /** Copies the list. */
    public Order {
      Objects.requireNonNull(catalogId, "catalogId");
      Objects.requireNonNull(text, "text");
      items = List.copyOf(items);
    }
  }

  /**
   * One product line of an order.
   *
   * @param productRetailerId the product's id in the catalog
   * @param quantity how many
   * @param itemPrice unit price
   * @param currency ISO 4217 code
   */
  record OrderItem(String productRetailerId, int quantity, BigDecimal itemPrice, String currency) {
    /** Checks required fields. */
    public OrderItem {
      Objects.requireNonNull(productRetailerId, "productRetailerId");
      Objects.requireNonNull(itemPrice, "itemPrice");
      Objects.requireNonNull(currency, "currency");
    }
  }

  /**
   * A system notice about the customer, such as a changed phone number.
   *
   * @param type {@code user_changed_number}, {@code customer_identity_changed}, ...
   * @param body human-readable text, if any
   * @param newId the customer's new id ({@code wa_id}) after a number change, if any
   */
  record System(String type, Optional<String> body, Optional<String> newId) implements InboundContent {
    /** Checks required fields. */
    public System {
      Objects.requireNonNull(type, "type");
      Objects.requireNonNull(body, "body");
      Objects.requireNonNull(newId, "newId");
    }
  }

  /**
   * A message the channel could not represent, kept so nothing is silently dropped.
   *
   * @param type the type the channel reported ({@code unsupported}, or a type this version of
   *     Switchboard does not know)
   * @param errors any errors the channel attached
   * @param rawJson the message object as received, for inspection
   */
  record Unsupported(String type, List<ErrorDetail> errors, String rawJson) implements InboundContent {
    /** Copies the list. */
    public Unsupported {
      Objects.requireNonNull(type, "type");
      errors = List.copyOf(errors);
      Objects.requireNonNull(rawJson, "rawJson");
    }
  }
}
