package io.switchboard.message;

import java.util.Objects;

/** The header of an interactive message: a line of text or a media file. */
public sealed interface InteractiveHeader {

  /**
   * A text header.
   *
   * @param text the header text
   * @return the header
   */
  static InteractiveHeader text(String text) {
    return new TextHeader(text);
  }

  /**
   * A media header (image, video or document).
   *
   * @param kind the media kind
   * @param source where the media is
   * @return the header
   */
  static InteractiveHeader media(MediaKind kind, MediaSource source) {
    return new MediaHeader(kind, source);
  }

  /**
   * Text header.
   *
   * @param text the text (WhatsApp: up to 60 characters)
   */
  record TextHeader(String text) implements InteractiveHeader {
    /** Checks the text is present. */
    public TextHeader {
      Objects.requireNonNull(text, "text");
    }
  }

  /**
   * Media header.
   *
   * @param kind image, video or document
   * @param source where the media is
   */
  record MediaHeader(MediaKind kind, MediaSource source) implements InteractiveHeader {
    /** Checks required fields. */
    public MediaHeader {
      Objects.requireNonNull(kind, "kind");
      Objects.requireNonNull(source, "source");
    }
  }
}
