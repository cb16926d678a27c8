package io.switchboard.message;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A message the customer answers by tapping: reply buttons, a list of options, or a call-to-action
 * URL button. Every kind has a body and may have a header and a footer.
 */
public sealed interface Interactive extends MessageContent {

  /**
   * The optional header.
   *
   * @return the header, or empty
   */
  Optional<InteractiveHeader> header();

  /**
   * The main text.
   *
   * @return the body
   */
  String body();

  /**
   * The optional footer line.
   *
   * @return the footer, or empty
   */
  Optional<String> footer();

  /**
   * Starts a reply-buttons message.
   *
   * @param body the main text
   * @return a builder
   */
  static ReplyButtons.Builder replyButtons(String body) {
    return new ReplyButtons.Builder(body);
  }

  /**
   * Starts a list message.
   *
   * @param body the main text
   * @param buttonText the label of the button that opens the list
   * @return a builder
   */
  static OptionList.Builder optionList(String body, String buttonText) {
    return new OptionList.Builder(body, buttonText);
  }

  /**
   * A call-to-action URL button.
   *
   * @param body the main text
   * @param displayText the button label
   * @param url where the button leads
   * @return the content
   */
  static CtaUrl ctaUrl(String body, String displayText, String url) {
    return new CtaUrl(Optional.empty(), body, Optional.empty(), displayText, URI.create(url));
  }

  /**
   * Up to three reply buttons (WhatsApp).
   *
   * @param header optional header
   * @param body main text
   * @param footer optional footer
   * @param buttons the buttons
   */
  record ReplyButtons(Optional<InteractiveHeader> header, String body, Optional<String> footer, List<Button> buttons)
      implements Interactive {

    /** Copies the list and checks required fields. */
    public ReplyButtons {
      Objects.requireNonNull(header, "header");
      Objects.requireNonNull(body, "body");
      Objects.requireNonNull(footer, "footer");
      buttons = List.copyOf(buttons);
    }

    /**
     * One reply button.
     *
     * @param id returned in the customer's reply
     * @param title the label
     */
    public record Button(String id, String title) {
      /** Checks required fields. */
      public Button {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(title, "title");
      }
    }

    /** Builds {@link ReplyButtons}. Not thread-safe. */
    public static final class Builder {
      private final String body;
      private InteractiveHeader header;
      private String footer;
      private final List<Button> buttons = new ArrayList<>();

      Builder(String body) {
        this.body = body;
      }

      /**
       * Sets the header.
       *
       * @param header the header
       * @return this builder
       */
      public Builder header(InteractiveHeader header) {
        this.header = header;
        return this;
      }

      /**
       * Sets the footer.
       *
       * @param footer the footer
       * @return this builder
       */
      public Builder footer(String footer) {
        this.footer = footer;
        return this;
      }

      /**
       * Adds a button.
       *
       * @param id returned when tapped
       * @param title the label
       * @return this builder
       */
      public Builder button(String id, String title) {
        buttons.add(new Button(id, title));
        return this;
      }

      /**
       * Builds the message.
       *
       * @return the content
       */
      public ReplyButtons build() {
        return new ReplyButtons(Optional.ofNullable(header), body, Optional.ofNullable(footer), buttons);
      }
    }
  }

  /**
   * A list of options grouped in sections, opened by a button.
   *
   * @param header optional header (WhatsApp: text only)
   * @param body main text
   * @param footer optional footer
   * @param buttonText label of the button that opens the list
   * @param sections the sections
   */
  record OptionList(
      Optional<InteractiveHeader> header, String body, Optional<String> footer, String buttonText, List<Section> sections)
      implements Interactive {

    /** Copies the list and checks required fields. */
    public OptionList {
      Objects.requireNonNull(header, "header");
      Objects.requireNonNull(body, "body");
      Objects.requireNonNull(footer, "footer");
      Objects.requireNonNull(buttonText, "buttonText");
      sections = List.copyOf(sections);
    }

    /**
     * A titled group of rows.
     *
     * @param title optional section title
     * @param rows the rows
     */
    public record Section(Optional<String> title, List<Row> rows) {
      /** Copies the list. */
      public Section {
        Objects.requireNonNull(title, "title");
        rows = List.copyOf(rows);
      }
    }

    /**
     * One option.
     *
     * @param id returned when chosen
     * @param title the label
     * @param description optional second line
     */
    public record Row(String id, String title, Optional<String> description) {
      /** Checks required fields. */
      public Row {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(description, "description");
      }
    }

    /** Builds an {@link OptionList}. Not thread-safe. */
    public static final class Builder {
      private final String body;
      private final String buttonText;
      private InteractiveHeader header;
      private String footer;
      private final List<Section> sections = new ArrayList<>();

      Builder(String body, String buttonText) {
        this.body = body;
        this.buttonText = buttonText;
      }

      /**
       * Sets a text header.
       *
       * @param text header text
       * @return this builder
       */
      public Builder header(String text) {
        this.header = InteractiveHeader.text(text);
        return this;
      }

      /**
       * Sets the footer.
       *
       * @param footer the footer
       * @return this builder
       */
      public Builder footer(String footer) {
        this.footer = footer;
        return this;
      }

      /**
       * Adds a section.
       *
       * @param title section title, or null
       * @param rows the section's rows
       * @return this builder
       */
      public Builder section(String title, Row... rows) {
        sections.add(new Section(Optional.ofNullable(title), List.of(rows)));
        return this;
      }

      /**
       * Builds the message.
       *
       * @return the content
       */
      public OptionList build() {
        return new OptionList(Optional.ofNullable(header), body, Optional.ofNullable(footer), buttonText, sections);
      }
    }

    /**
     * A row with an optional description.
     *
     * @param id returned when chosen
     * @param title label
     * @param description second line, or null
     * @return the row
     */
    public static Row row(String id, String title, String description) {
      return new Row(id, title, Optional.ofNullable(description));
    }
  }

  /**
   * A message with one button that opens a URL.
   *
   * @param header optional header
   * @param body main text
   * @param footer optional footer
   * @param displayText the button label
   * @param url where the button leads
   */
  record CtaUrl(Optional<InteractiveHeader> header, String body, Optional<String> footer, String displayText, URI url)
      implements Interactive {
    /** Checks required fields. */
    public CtaUrl {
      Objects.requireNonNull(header, "header");
      Objects.requireNonNull(body, "body");
      Objects.requireNonNull(footer, "footer");
      Objects.requireNonNull(displayText, "displayText");
      Objects.requireNonNull(url, "url");
    }
  }
}
