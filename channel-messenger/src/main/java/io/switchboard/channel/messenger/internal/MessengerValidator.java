package io.switchboard.channel.messenger.internal;

import static io.switchboard.channel.messenger.MessengerLimits.BUTTONS_MAX;
import static io.switchboard.channel.messenger.MessengerLimits.BUTTON_TEMPLATE_BUTTONS_MIN;
import static io.switchboard.channel.messenger.MessengerLimits.BUTTON_TEMPLATE_TEXT_MAX;
import static io.switchboard.channel.messenger.MessengerLimits.BUTTON_TITLE_MAX;
import static io.switchboard.channel.messenger.MessengerLimits.CARDS_MAX;
import static io.switchboard.channel.messenger.MessengerLimits.CARDS_MIN;
import static io.switchboard.channel.messenger.MessengerLimits.CARD_SUBTITLE_MAX;
import static io.switchboard.channel.messenger.MessengerLimits.CARD_TITLE_MAX;
import static io.switchboard.channel.messenger.MessengerLimits.METADATA_MAX;
import static io.switchboard.channel.messenger.MessengerLimits.PAYLOAD_MAX;
import static io.switchboard.channel.messenger.MessengerLimits.QUICK_REPLIES_MAX;
import static io.switchboard.channel.messenger.MessengerLimits.QUICK_REPLIES_MIN;
import static io.switchboard.channel.messenger.MessengerLimits.QUICK_REPLY_TITLE_MAX;
import static io.switchboard.channel.messenger.MessengerLimits.TEXT_MAX;

import io.switchboard.ChannelType;
import io.switchboard.ValidationException.Violation;
import io.switchboard.message.ButtonTemplate;
import io.switchboard.message.CardButton;
import io.switchboard.message.CardCarousel;
import io.switchboard.message.Media;
import io.switchboard.message.MediaKind;
import io.switchboard.message.MessageContent;
import io.switchboard.message.QuickReplies;
import io.switchboard.message.SendRequest;
import io.switchboard.message.Text;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Checks a {@link SendRequest} against the Messenger Send API limits ({@link
 * io.switchboard.channel.messenger.MessengerLimits}) without any I/O, reporting every problem.
 * Field paths name the JSON the request would produce, such as {@code
 * message.quick_replies[2].title}. Stateless and thread-safe.
 */
public final class MessengerValidator {

  private static final Pattern PSID = Pattern.compile("\\d+");

  private MessengerValidator() {}

  /**
   * Whether a value looks like a Page-scoped user id (digits only).
   *
   * @param id the value
   * @return true for a plausible PSID
   */
  public static boolean isPsid(String id) {
    return id != null && PSID.matcher(id).matches();
  }

  /**
   * Validates a request.
   *
   * @param request the request
   * @return every violation; empty if the request can be sent
   */
  public static List<Violation> validate(SendRequest request) {
    Collector v = new Collector();
    if (request.channel() != ChannelType.MESSENGER) {
      v.add("channel", "must be MESSENGER (was " + request.channel() + ")");
    }
    if (!isPsid(request.to())) {
      v.add("recipient.id", "must be a Page-scoped user id of digits only (was '" + abbreviate(request.to()) + "')");
    }
    request.replyTo().ifPresent(mid -> v.notBlank("reply_to.mid", mid));
    request.callbackData().ifPresent(m -> v.max("message.metadata", m, METADATA_MAX));
    MessageContent content = request.content();
    if (content instanceof Text text) {
      v.between("message.text", text.body(), 1, TEXT_MAX);
    } else if (content instanceof Media media) {
      media(v, media);
    } else if (content instanceof QuickReplies quick) {
      quickReplies(v, quick);
    } else if (content instanceof ButtonTemplate template) {
      v.between("message.attachment.payload.text", template.text(), 1, BUTTON_TEMPLATE_TEXT_MAX);
      buttons(v, "message.attachment.payload.buttons", template.buttons(), BUTTON_TEMPLATE_BUTTONS_MIN);
    } else if (content instanceof CardCarousel carousel) {
      carousel(v, carousel);
    } else {
      v.add("message", "is not supported by Messenger (" + content.getClass().getSimpleName()
          + "); send Text, Media, QuickReplies, ButtonTemplate or CardCarousel");
    }
    return v.violations;
  }

  private static void media(Collector v, Media media) {
    if (media.kind() == MediaKind.STICKER) {
      v.add("message.attachment.type", "is not supported by Messenger (sticker); send the sticker as an image");
    }
    media.caption().ifPresent(c -> v.add("message.attachment.payload.caption",
        "is not supported by Messenger (Messenger attachments carry no caption); send the text as its own message"));
    media.filename().ifPresent(f -> v.add("message.attachment.payload.filename",
        "is not supported by Messenger (the file name comes from the URL or upload)"));
  }

  private static void quickReplies(Collector v, QuickReplies quick) {
    v.between("message.text", quick.text(), 1, TEXT_MAX);
    List<QuickReplies.QuickReply> replies = quick.replies();
    v.count("message.quick_replies", replies.size(), QUICK_REPLIES_MIN, QUICK_REPLIES_MAX, "quick replies");
    for (int i = 0; i < replies.size(); i++) {
      QuickReplies.QuickReply reply = replies.get(i);
      String path = "message.quick_replies[" + i + "]";
      v.between(path + ".title", reply.title(), 1, QUICK_REPLY_TITLE_MAX);
      v.between(path + ".payload", reply.payload(), 1, PAYLOAD_MAX);
      reply.imageUrl().ifPresent(url -> v.httpUrl(path + ".image_url", url));
    }
  }

  private static void buttons(Collector v, String path, List<CardButton> buttons, int min) {
    v.count(path, buttons.size(), min, BUTTONS_MAX, "buttons");
    for (int i = 0; i < buttons.size(); i++) {
      String bpath = path + "[" + i + "]";
      CardButton button = buttons.get(i);
      v.between(bpath + ".title", button.title(), 1, BUTTON_TITLE_MAX);
      if (button instanceof CardButton.UrlButton url) {
        v.httpUrl(bpath + ".url", url.url().toString());
      } else if (button instanceof CardButton.PostbackButton postback) {
        v.between(bpath + ".payload", postback.payload(), 1, PAYLOAD_MAX);
      }
    }
  }

  private static void carousel(Collector v, CardCarousel carousel) {
    String path = "message.attachment.payload.elements";
    List<CardCarousel.Card> cards = carousel.cards();
    v.count(path, cards.size(), CARDS_MIN, CARDS_MAX, "cards");
    for (int i = 0; i < cards.size(); i++) {
      CardCarousel.Card card = cards.get(i);
      String cpath = path + "[" + i + "]";
      v.between(cpath + ".title", card.title(), 1, CARD_TITLE_MAX);
      card.subtitle().ifPresent(s -> v.max(cpath + ".subtitle", s, CARD_SUBTITLE_MAX));
      card.imageUrl().ifPresent(u -> v.httpUrl(cpath + ".image_url", u.toString()));
      card.defaultActionUrl().ifPresent(u -> v.httpUrl(cpath + ".default_action.url", u.toString()));
      buttons(v, cpath + ".buttons", card.buttons(), 0);
    }
  }

  private static String abbreviate(String s) {
    return s.length() <= 40 ? s : s.substring(0, 40) + "...";
  }

  /** Accumulates violations. */
  private static final class Collector {
    private final List<Violation> violations = new ArrayList<>();

    void add(String field, String problem) {
      violations.add(new Violation(field, problem));
    }

    void notBlank(String field, String value) {
      if (value.isBlank()) {
        add(field, "must not be blank");
      }
    }

    void max(String field, String value, int max) {
      int length = value.codePointCount(0, value.length());
      if (length > max) {
        add(field, "must be at most " + max + " characters (was " + length + ")");
      }
    }

    void between(String field, String value, int min, int max) {
      if (min > 0 && value.isBlank()) {
        add(field, "must not be blank (" + min + "-" + max + " characters required)");
        return;
      }
      max(field, value, max);
    }

    void count(String field, int actual, int min, int max, String what) {
      if (actual < min) {
        add(field, "at least " + min + " " + what + " required (got " + actual + ")");
      } else if (actual > max) {
        add(field, "at most " + max + " " + what + " allowed (got " + actual + ")");
      }
    }

    void httpUrl(String field, String url) {
      URI uri;
      try {
        uri = new URI(url);
      } catch (Exception e) {
        add(field, "must be an absolute http(s) URL (was '" + abbreviate(url) + "')");
        return;
      }
      String scheme = uri.getScheme();
      if (scheme == null || !(scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https"))
          || uri.getHost() == null) {
        add(field, "must be an absolute http(s) URL (was '" + abbreviate(url) + "')");
      }
    }
  }
}
