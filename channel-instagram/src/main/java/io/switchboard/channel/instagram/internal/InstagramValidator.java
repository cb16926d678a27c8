package io.switchboard.channel.instagram.internal;

import static io.switchboard.channel.instagram.InstagramLimits.BUTTONS_MAX;
import static io.switchboard.channel.instagram.InstagramLimits.BUTTON_TEMPLATE_TEXT_MAX;
import static io.switchboard.channel.instagram.InstagramLimits.BUTTON_TITLE_MAX;
import static io.switchboard.channel.instagram.InstagramLimits.CARDS_MAX;
import static io.switchboard.channel.instagram.InstagramLimits.CARD_SUBTITLE_MAX;
import static io.switchboard.channel.instagram.InstagramLimits.CARD_TITLE_MAX;
import static io.switchboard.channel.instagram.InstagramLimits.PAYLOAD_MAX;
import static io.switchboard.channel.instagram.InstagramLimits.QUICK_REPLIES_MAX;
import static io.switchboard.channel.instagram.InstagramLimits.QUICK_REPLY_TITLE_MAX;

import io.switchboard.ValidationException.Violation;
import io.switchboard.message.ButtonTemplate;
import io.switchboard.message.CardButton;
import io.switchboard.message.CardCarousel;
import io.switchboard.message.Media;
import io.switchboard.message.MediaKind;
import io.switchboard.message.MediaSource;
import io.switchboard.message.MessageContent;
import io.switchboard.message.QuickReplies;
import io.switchboard.message.SendRequest;
import io.switchboard.message.Text;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Checks a {@link SendRequest} against Instagram's limits without I/O and reports every problem.
 * Field paths follow the Send API body ({@code message.quick_replies[2].title}). Stateless and
 * thread-safe.
 */
public final class InstagramValidator {

  private static final String UNSUPPORTED = "is not supported by Instagram";

  private InstagramValidator() {}

  /**
   * Validates a request.
   *
   * @param request the request
   * @param textMaxBytes the longest text in UTF-8 bytes
   * @return every violation; empty if it can be sent
   */
  public static List<Violation> validate(SendRequest request, int textMaxBytes) {
    Checks v = new Checks();
    if (request.to().chars().anyMatch(Character::isWhitespace)) {
      v.add("recipient.id", "must be an Instagram-scoped id without spaces (was '" + abbreviate(request.to()) + "')");
    }
    request.replyTo().ifPresent(mid -> v.notBlank("reply_to.mid", mid));
    if (request.callbackData().isPresent()) {
      v.add("callback_data", UNSUPPORTED + " (Instagram reports no delivery statuses that could carry it back)");
    }
    MessageContent content = request.content();
    if (content instanceof Text text) {
      v.textBytes("message.text", text.body(), textMaxBytes);
    } else if (content instanceof Media media) {
      media(v, media);
    } else if (content instanceof QuickReplies quick) {
      quickReplies(v, quick, textMaxBytes);
    } else if (content instanceof ButtonTemplate template) {
      String base = "message.attachment.payload";
      v.length(base + ".text", template.text(), 1, BUTTON_TEMPLATE_TEXT_MAX);
      buttons(v, base + ".buttons", template.buttons(), 1);
    } else if (content instanceof CardCarousel carousel) {
      carousel(v, carousel);
    } else {
      v.add("message", content.getClass().getSimpleName() + " " + UNSUPPORTED);
    }
    return v.violations;
  }

  private static void media(Checks v, Media media) {
    MediaKind kind = media.kind();
    if (kind != MediaKind.IMAGE && kind != MediaKind.VIDEO && kind != MediaKind.AUDIO) {
      v.add("message.attachment.type", kind + " media " + UNSUPPORTED + " (image, video or audio only)");
    }
    if (media.source() instanceof MediaSource.UploadedId) {
      v.add("message.attachment.payload", "an uploaded media id " + UNSUPPORTED + " by this channel; send a public link (MediaSource.link)");
    }
    if (media.caption().isPresent()) {
      v.add("message.attachment.caption", "a caption " + UNSUPPORTED + "; send the text as its own message");
    }
    if (media.filename().isPresent()) {
      v.add("message.attachment.filename", "a file name " + UNSUPPORTED);
    }
  }

  private static void quickReplies(Checks v, QuickReplies quick, int textMaxBytes) {
    v.textBytes("message.text", quick.text(), textMaxBytes);
    int n = quick.replies().size();
    if (n == 0) {
      v.add("message.quick_replies", "must hold 1-" + QUICK_REPLIES_MAX + " quick replies (was 0)");
    } else if (n > QUICK_REPLIES_MAX) {
      v.add("message.quick_replies", "must hold at most " + QUICK_REPLIES_MAX + " quick replies (was " + n + ")");
    }
    for (int i = 0; i < n; i++) {
      QuickReplies.QuickReply reply = quick.replies().get(i);
      String path = "message.quick_replies[" + i + "]";
      v.length(path + ".title", reply.title(), 1, QUICK_REPLY_TITLE_MAX);
      v.length(path + ".payload", reply.payload(), 1, PAYLOAD_MAX);
      if (reply.imageUrl().isPresent()) {
        v.add(path + ".image_url", "a quick-reply icon " + UNSUPPORTED + " (text quick replies only)");
      }
    }
  }

  private static void carousel(Checks v, CardCarousel carousel) {
    String base = "message.attachment.payload.elements";
    int n = carousel.cards().size();
    if (n == 0) {
      v.add(base, "must hold 1-" + CARDS_MAX + " cards (was 0)");
    } else if (n > CARDS_MAX) {
      v.add(base, "must hold at most " + CARDS_MAX + " cards (was " + n + ")");
    }
    for (int i = 0; i < n; i++) {
      CardCarousel.Card card = carousel.cards().get(i);
      String path = base + "[" + i + "]";
      v.length(path + ".title", card.title(), 1, CARD_TITLE_MAX);
      card.subtitle().ifPresent(s -> v.length(path + ".subtitle", s, 0, CARD_SUBTITLE_MAX));
      card.imageUrl().ifPresent(u -> v.httpUrl(path + ".image_url", u));
      card.defaultActionUrl().ifPresent(u -> v.httpUrl(path + ".default_action.url", u));
      buttons(v, path + ".buttons", card.buttons(), 0);
    }
  }

  private static void buttons(Checks v, String path, List<CardButton> buttons, int min) {
    int n = buttons.size();
    if (n < min) {
      v.add(path, "must hold " + min + "-" + BUTTONS_MAX + " buttons (was " + n + ")");
    } else if (n > BUTTONS_MAX) {
      v.add(path, "must hold at most " + BUTTONS_MAX + " buttons (was " + n + ")");
    }
    for (int i = 0; i < n; i++) {
      CardButton button = buttons.get(i);
      String at = path + "[" + i + "]";
      v.length(at + ".title", button.title(), 1, BUTTON_TITLE_MAX);
      if (button instanceof CardButton.UrlButton url) {
        v.httpUrl(at + ".url", url.url());
      } else if (button instanceof CardButton.PostbackButton postback) {
        v.length(at + ".payload", postback.payload(), 1, PAYLOAD_MAX);
      }
    }
  }

  private static String abbreviate(String s) {
    return s.length() <= 40 ? s : s.substring(0, 40) + "...";
  }

  /** Collects violations. */
  private static final class Checks {
    private final List<Violation> violations = new ArrayList<>();

    void add(String field, String problem) {
      violations.add(new Violation(field, problem));
    }

    void notBlank(String field, String value) {
      if (value.isBlank()) {
        add(field, "must not be blank");
      }
    }

    void length(String field, String value, int min, int max) {
      int n = value.codePointCount(0, value.length());
      if (min > 0 && value.isBlank()) {
        add(field, "must not be blank (" + min + "-" + max + " characters)");
      } else if (n > max) {
        add(field, "must be at most " + max + " characters (was " + n + ")");
      }
    }

    void textBytes(String field, String value, int maxBytes) {
      int n = value.getBytes(StandardCharsets.UTF_8).length;
      if (value.isBlank()) {
        add(field, "must not be blank (1-" + maxBytes + " UTF-8 bytes)");
      } else if (n > maxBytes) {
        add(field, "must be at most " + maxBytes + " UTF-8 bytes (was " + n + ")");
      }
    }

    void httpUrl(String field, URI url) {
      String scheme = url.getScheme();
      if (url.getHost() == null || scheme == null
          || !(scheme.equalsIgnoreCase("https") || scheme.equalsIgnoreCase("http"))) {
        add(field, "must be an absolute http(s) URL (was '" + abbreviate(url.toString()) + "')");
      }
    }
  }
}
