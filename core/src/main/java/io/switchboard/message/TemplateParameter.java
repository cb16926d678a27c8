package io.switchboard.message;

import java.util.Objects;
import java.util.Optional;

/**
 * A value filled into a placeholder of an approved message template.
 *
 * <p>Positional templates ({@code {{1}}}) take parameters in order; named templates
 * ({@code {{customer_name}}}) take parameters with {@link #name()} set.
 */
public sealed interface TemplateParameter {

  /**
   * The placeholder name for named-parameter templates.
   *
   * @return the name, or empty for positional templates
   */
  Optional<String> name();

  /**
   * Positional text.
   *
   * @param text the value
   * @return the parameter
   */
  static TemplateParameter text(String text) {
    return new TextParameter(text, Optional.empty());
  }

  /**
   * Named text, for templates created with named parameters.
   *
   * @param name the placeholder name, such as {@code customer_name}
   * @param text the value
   * @return the parameter
   */
  static TemplateParameter namedText(String name, String text) {
    return new TextParameter(text, Optional.of(name));
  }

  /**
   * A currency amount, localised by the client.
   *
   * @param fallbackValue what to show where localisation fails, such as {@code $35}
   * @param currencyCode ISO 4217 code
   * @param amount1000 the amount times 1000 (35000 for 35.00)
   * @return the parameter
   */
  static TemplateParameter currency(String fallbackValue, String currencyCode, long amount1000) {
    return new CurrencyParameter(fallbackValue, currencyCode, amount1000, Optional.empty());
  }

  /**
   * A date and time shown as given.
   *
   * @param fallbackValue the text to show
   * @return the parameter
   */
  static TemplateParameter dateTime(String fallbackValue) {
    return new DateTimeParameter(fallbackValue, Optional.empty());
  }

  /**
   * A media header value.
   *
   * @param kind image, video or document
   * @param source where the media is
   * @return the parameter
   */
  static TemplateParameter media(MediaKind kind, MediaSource source) {
    return new MediaParameter(kind, source, Optional.empty(), Optional.empty());
  }

  /**
   * The payload returned when a quick-reply button is tapped.
   *
   * @param payload developer-defined payload
   * @return the parameter
   */
  static TemplateParameter payload(String payload) {
    return new PayloadParameter(payload);
  }

  /**
   * Text value.
   *
   * @param text the value
   * @param name placeholder name for named templates
   */
  record TextParameter(String text, Optional<String> name) implements TemplateParameter {
    /** Checks required fields. */
    public TextParameter {
      Objects.requireNonNull(text, "text");
      Objects.requireNonNull(name, "name");
    }
  }

  /**
   * Currency value.
   *
   * @param fallbackValue shown where localisation fails
   * @param currencyCode ISO 4217 code
   * @param amount1000 amount times 1000
   * @param name placeholder name for named templates
   */
  record CurrencyParameter(String fallbackValue, String currencyCode, long amount1000, Optional<String> name)
      implements TemplateParameter {
    /** Checks required fields. */
    public CurrencyParameter {
      Objects.requireNonNull(fallbackValue, "fallbackValue");
      Objects.requireNonNull(currencyCode, "currencyCode");
      Objects.requireNonNull(name, "name");
    }
  }

  /**
   * Date-time value.
   *
   * @param fallbackValue the text shown
   * @param name placeholder name for named templates
   */
  record DateTimeParameter(String fallbackValue, Optional<String> name) implements TemplateParameter {
    /** Checks required fields. */
    public DateTimeParameter {
      Objects.requireNonNull(fallbackValue, "fallbackValue");
      Objects.requireNonNull(name, "name");
    }
  }

  /**
   * Media value for a header.
   *
   * @param kind image, video or document
   * @param source where the media is
   * @param filename optional document file name
   * @param name placeholder name (unused by WhatsApp for media, kept for symmetry)
   */
  record MediaParameter(MediaKind kind, MediaSource source, Optional<String> filename, Optional<String> name)
      implements TemplateParameter {
    /** Checks required fields. */
    public MediaParameter {
      Objects.requireNonNull(kind, "kind");
      Objects.requireNonNull(source, "source");
      Objects.requireNonNull(filename, "filename");
      Objects.requireNonNull(name, "name");
    }
  }

  /**
   * Quick-reply payload.
   *
   * @param payload developer-defined payload
   */
  record PayloadParameter(String payload) implements TemplateParameter {
    /** Checks required fields. */
    public PayloadParameter {
      Objects.requireNonNull(payload, "payload");
    }

    @Override
    public Optional<String> name() {
      return Optional.empty();
    }
  }
}
