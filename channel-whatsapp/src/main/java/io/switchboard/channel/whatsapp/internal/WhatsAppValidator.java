package io.switchboard.channel.whatsapp.internal;

import static io.switchboard.channel.whatsapp.WhatsAppLimits.CALLBACK_DATA_MAX;
import static io.switchboard.channel.whatsapp.WhatsAppLimits.CAPTION_MAX;
import static io.switchboard.channel.whatsapp.WhatsAppLimits.CTA_BODY_MAX;
import static io.switchboard.channel.whatsapp.WhatsAppLimits.CTA_DISPLAY_TEXT_MAX;
import static io.switchboard.channel.whatsapp.WhatsAppLimits.INTERACTIVE_FOOTER_MAX;
import static io.switchboard.channel.whatsapp.WhatsAppLimits.INTERACTIVE_HEADER_TEXT_MAX;
import static io.switchboard.channel.whatsapp.WhatsAppLimits.LIST_BODY_MAX;
import static io.switchboard.channel.whatsapp.WhatsAppLimits.LIST_BUTTON_TEXT_MAX;
import static io.switchboard.channel.whatsapp.WhatsAppLimits.LIST_ROWS_TOTAL_MAX;
import static io.switchboard.channel.whatsapp.WhatsAppLimits.LIST_ROW_DESCRIPTION_MAX;
import static io.switchboard.channel.whatsapp.WhatsAppLimits.LIST_ROW_ID_MAX;
import static io.switchboard.channel.whatsapp.WhatsAppLimits.LIST_ROW_TITLE_MAX;
import static io.switchboard.channel.whatsapp.WhatsAppLimits.LIST_SECTIONS_MAX;
import static io.switchboard.channel.whatsapp.WhatsAppLimits.LIST_SECTION_TITLE_MAX;
import static io.switchboard.channel.whatsapp.WhatsAppLimits.PHONE_DIGITS_MAX;
import static io.switchboard.channel.whatsapp.WhatsAppLimits.PHONE_DIGITS_MIN;
import static io.switchboard.channel.whatsapp.WhatsAppLimits.REPLY_BUTTONS_BODY_MAX;
import static io.switchboard.channel.whatsapp.WhatsAppLimits.REPLY_BUTTONS_MAX;
import static io.switchboard.channel.whatsapp.WhatsAppLimits.REPLY_BUTTONS_MIN;
import static io.switchboard.channel.whatsapp.WhatsAppLimits.REPLY_BUTTON_ID_MAX;
import static io.switchboard.channel.whatsapp.WhatsAppLimits.REPLY_BUTTON_TITLE_MAX;
import static io.switchboard.channel.whatsapp.WhatsAppLimits.TEXT_BODY_MAX;

import io.switchboard.ValidationException.Violation;
import io.switchboard.message.Contacts;
import io.switchboard.message.Interactive;
import io.switchboard.message.InteractiveHeader;
import io.switchboard.message.Location;
import io.switchboard.message.Media;
import io.switchboard.message.MediaKind;
import io.switchboard.message.MessageContent;
import io.switchboard.message.Reaction;
import io.switchboard.message.SendRequest;
import io.switchboard.message.Template;
import io.switchboard.message.TemplateComponent;
import io.switchboard.message.TemplateParameter;
import io.switchboard.message.Text;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Checks a {@link SendRequest} against WhatsApp's documented limits without any I/O and reports
 * every problem found. Stateless and thread-safe.
 */
public final class WhatsAppValidator {

  private static final Pattern PHONE =
      Pattern.compile("\\+?\\d{" + PHONE_DIGITS_MIN + "," + PHONE_DIGITS_MAX + "}");

  /**
   * Business-scoped user id: a two-letter country code, optional upper-case qualifiers, and an
   * alphanumeric id, dot-separated ({@code US.13491208655302741918}, {@code US.ENT.123}).
   */
  private static final Pattern BSUID = Pattern.compile("[A-Z]{2}(?:\\.[A-Z]+)*\\.[A-Za-z0-9]+");

  private WhatsAppValidator() {}

  /**
   * Whether a recipient is a business-scoped user id rather than a phone number.
   *
   * @param to the recipient
   * @return true for a BSUID
   */
  public static boolean isBusinessScopedUserId(String to) {
    return BSUID.matcher(to).matches();
  }

  /**
   * Validates a request.
   *
   * @param request the request
   * @return every violation, empty if the request can be sent
   */
  public static List<Violation> validate(SendRequest request) {
    Collector v = new Collector();
    String to = request.to();
    if (!PHONE.matcher(to).matches() && !BSUID.matcher(to).matches()) {
      v.add("to", "must be an E.164 phone number (optional '+', " + PHONE_DIGITS_MIN + "-" + PHONE_DIGITS_MAX
          + " digits) or a business-scoped user id such as US.13491208655302741918 (was '" + abbreviate(to) + "')");
    }
    request.replyTo().ifPresent(id -> v.notBlank("context.message_id", id));
    request.callbackData().ifPresent(d -> v.max("biz_opaque_callback_data", d, CALLBACK_DATA_MAX));
    MessageContent content = request.content();
    if (content instanceof Text text) {
      v.between("text.body", text.body(), 1, TEXT_BODY_MAX);
    } else if (content instanceof Media media) {
      media(v, media);
    } else if (content instanceof Location) {
      // latitude/longitude ranges are enforced by Location itself
    } else if (content instanceof Contacts contacts) {
      for (int i = 0; i < contacts.cards().size(); i++) {
        v.notBlank("contacts[" + i + "].name.formatted_name", contacts.cards().get(i).formattedName());
      }
    } else if (content instanceof Reaction reaction) {
      v.notBlank("reaction.message_id", reaction.messageId());
    } else if (content instanceof Template template) {
      template(v, template);
    } else if (content instanceof Interactive.ReplyButtons buttons) {
      replyButtons(v, buttons);
    } else if (content instanceof Interactive.OptionList list) {
      optionList(v, list);
    } else if (content instanceof Interactive.CtaUrl cta) {
      ctaUrl(v, cta);
    } else {
      v.add("type", "is not supported by WhatsApp (" + content.getClass().getSimpleName() + ")");
    }
    return v.violations;
  }

  private static void media(Collector v, Media media) {
    String type = media.kind().name().toLowerCase(Locale.ROOT);
    media.caption().ifPresent(caption -> {
      if (media.kind() == MediaKind.IMAGE || media.kind() == MediaKind.VIDEO || media.kind() == MediaKind.DOCUMENT) {
        v.max(type + ".caption", caption, CAPTION_MAX);
      } else {
        v.add(type + ".caption", "captions are only allowed on image, video and document messages (this is " + type
            + ")");
      }
    });
    media.filename().ifPresent(filename -> {
      if (media.kind() == MediaKind.DOCUMENT) {
        v.notBlank(type + ".filename", filename);
      } else {
        v.add(type + ".filename", "a filename is only allowed on document messages (this is " + type + ")");
      }
    });
  }

  private static void template(Collector v, Template template) {
    v.notBlank("template.name", template.name());
    v.notBlank("template.language.code", template.languageCode());
    List<TemplateComponent> components = template.components();
    for (int i = 0; i < components.size(); i++) {
      TemplateComponent c = components.get(i);
      String path = "template.components[" + i + "]";
      if (c.type() == TemplateComponent.Type.BUTTON) {
        c.buttonSubType().ifPresent(sub -> v.notBlank(path + ".sub_type", sub));
        int index = c.buttonIndex().orElse(0);
        if (index < 0) {
          v.add(path + ".index", "must not be negative (was " + index + ")");
        }
      }
      for (int j = 0; j < c.parameters().size(); j++) {
        TemplateParameter p = c.parameters().get(j);
        String ppath = path + ".parameters[" + j + "]";
        if (p instanceof TemplateParameter.MediaParameter m) {
          if (m.kind() != MediaKind.IMAGE && m.kind() != MediaKind.VIDEO && m.kind() != MediaKind.DOCUMENT) {
            v.add(ppath + ".type", "template media parameters must be image, video or document (was "
                + m.kind().name().toLowerCase(Locale.ROOT) + ")");
          }
          if (m.filename().isPresent() && m.kind() != MediaKind.DOCUMENT) {
            v.add(ppath + ".filename", "a filename is only allowed on document parameters");
          }
        }
        p.name().ifPresent(name -> v.notBlank(ppath + ".parameter_name", name));
      }
    }
  }

  private static void header(Collector v, Optional<InteractiveHeader> header, boolean textOnly) {
    if (header.isEmpty()) {
      return;
    }
    InteractiveHeader h = header.get();
    if (h instanceof InteractiveHeader.TextHeader text) {
      v.between("interactive.header.text", text.text(), 1, INTERACTIVE_HEADER_TEXT_MAX);
    } else if (h instanceof InteractiveHeader.MediaHeader media) {
      String kind = media.kind().name().toLowerCase(Locale.ROOT);
      if (textOnly) {
        v.add("interactive.header", "list messages only take a text header (was " + kind + ")");
      } else if (media.kind() == MediaKind.AUDIO || media.kind() == MediaKind.STICKER) {
        v.add("interactive.header", "must be text, image, video or document (was " + kind + ")");
      }
    }
  }

  private static void footer(Collector v, Optional<String> footer) {
    footer.ifPresent(f -> v.between("interactive.footer.text", f, 1, INTERACTIVE_FOOTER_MAX));
  }

  private static void replyButtons(Collector v, Interactive.ReplyButtons message) {
    header(v, message.header(), false);
    v.between("interactive.body.text", message.body(), 1, REPLY_BUTTONS_BODY_MAX);
    footer(v, message.footer());
    List<Interactive.ReplyButtons.Button> buttons = message.buttons();
    if (buttons.size() < REPLY_BUTTONS_MIN) {
      v.add("interactive.buttons", "at least " + REPLY_BUTTONS_MIN + " button required (got " + buttons.size() + ")");
    }
    Map<String, Integer> titles = new HashMap<>();
    Map<String, Integer> ids = new HashMap<>();
    for (int i = 0; i < buttons.size(); i++) {
      String path = "interactive.buttons[" + i + "]";
      if (i == REPLY_BUTTONS_MAX) {
        v.add(path, "at most " + REPLY_BUTTONS_MAX + " buttons allowed (got " + buttons.size() + ")");
      }
      Interactive.ReplyButtons.Button b = buttons.get(i);
      v.between(path + ".id", b.id(), 1, REPLY_BUTTON_ID_MAX);
      v.between(path + ".title", b.title(), 1, REPLY_BUTTON_TITLE_MAX);
      Integer sameTitle = titles.putIfAbsent(b.title(), i);
      if (sameTitle != null) {
        v.add(path + ".title", "button titles must be unique ('" + b.title() + "' is also buttons[" + sameTitle
            + "])");
      }
      Integer sameId = ids.putIfAbsent(b.id(), i);
      if (sameId != null) {
        v.add(path + ".id", "button ids must be unique ('" + b.id() + "' is also buttons[" + sameId + "])");
      }
    }
  }

  private static void optionList(Collector v, Interactive.OptionList list) {
    header(v, list.header(), true);
    v.between("interactive.body.text", list.body(), 1, LIST_BODY_MAX);
    footer(v, list.footer());
    v.between("interactive.action.button", list.buttonText(), 1, LIST_BUTTON_TEXT_MAX);
    List<Interactive.OptionList.Section> sections = list.sections();
    if (sections.isEmpty()) {
      v.add("interactive.action.sections", "at least 1 section required (got 0)");
    }
    int totalRows = sections.stream().mapToInt(s -> s.rows().size()).sum();
    if (totalRows == 0) {
      v.add("interactive.action.sections", "at least 1 row required (got 0)");
    }
    int rowNumber = 0;
    Map<String, String> rowIds = new HashMap<>();
    for (int i = 0; i < sections.size(); i++) {
      Interactive.OptionList.Section section = sections.get(i);
      String path = "interactive.action.sections[" + i + "]";
      if (i == LIST_SECTIONS_MAX) {
        v.add(path, "at most " + LIST_SECTIONS_MAX + " sections allowed (got " + sections.size() + ")");
      }
      if (section.title().isPresent()) {
        v.between(path + ".title", section.title().get(), 1, LIST_SECTION_TITLE_MAX);
      } else if (sections.size() > 1) {
        v.add(path + ".title", "is required when a list has more than one section (it has " + sections.size() + ")");
      }
      for (int j = 0; j < section.rows().size(); j++) {
        Interactive.OptionList.Row row = section.rows().get(j);
        String rpath = path + ".rows[" + j + "]";
        if (rowNumber == LIST_ROWS_TOTAL_MAX) {
          v.add(rpath, "at most " + LIST_ROWS_TOTAL_MAX + " rows allowed in total (got " + totalRows + ")");
        }
        rowNumber++;
        v.between(rpath + ".id", row.id(), 1, LIST_ROW_ID_MAX);
        v.between(rpath + ".title", row.title(), 1, LIST_ROW_TITLE_MAX);
        row.description().ifPresent(d -> v.max(rpath + ".description", d, LIST_ROW_DESCRIPTION_MAX));
        String other = rowIds.putIfAbsent(row.id(), "sections[" + i + "].rows[" + j + "]");
        if (other != null) {
          v.add(rpath + ".id", "row ids must be unique ('" + row.id() + "' is also " + other + ")");
        }
      }
    }
  }

  private static void ctaUrl(Collector v, Interactive.CtaUrl cta) {
    header(v, cta.header(), false);
    v.between("interactive.body.text", cta.body(), 1, CTA_BODY_MAX);
    footer(v, cta.footer());
    v.between("interactive.action.parameters.display_text", cta.displayText(), 1, CTA_DISPLAY_TEXT_MAX);
    String scheme = cta.url().getScheme();
    if (scheme == null || !(scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https"))
        || cta.url().getHost() == null) {
      v.add("interactive.action.parameters.url", "must be an absolute http(s) URL (was '"
          + abbreviate(cta.url().toString()) + "')");
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
      int length = length(value);
      if (length > max) {
        add(field, "must be at most " + max + " characters (was " + length + ")");
      }
    }

    void between(String field, String value, int min, int max) {
      if (value.isBlank() && min > 0) {
        add(field, "must not be blank (" + min + "-" + max + " characters required)");
        return;
      }
      max(field, value, max);
    }

    private static int length(String s) {
      return s.codePointCount(0, s.length());
    }
  }
}
