package io.switchboard.message;

import java.net.URI;
import java.util.Objects;

/** A button on a card or button message: opens a URL, or sends a postback to the business. */
public sealed interface CardButton {

  /**
   * The label.
   *
   * @return the title
   */
  String title();

  /**
   * A button that opens a web page.
   *
   * @param title the label
   * @param url the page
   * @return the button
   */
  static CardButton url(String title, String url) {
    return new UrlButton(title, URI.create(url));
  }

  /**
   * A button whose tap arrives as a {@link io.switchboard.event.Postback} event.
   *
   * @param title the label
   * @param payload returned in the postback
   * @return the button
   */
  static CardButton postback(String title, String payload) {
    return new PostbackButton(title, payload);
  }

  /**
   * Opens a URL.
   *
   * @param title the label (Messenger: up to 20 characters)
   * @param url the page
   */
  record UrlButton(String title, URI url) implements CardButton {
    /** Checks required fields. */
    public UrlButton {
      Objects.requireNonNull(title, "title");
      Objects.requireNonNull(url, "url");
    }
  }

  /**
   * Sends a postback.
   *
   * @param title the label (Messenger: up to 20 characters)
   * @param payload developer-defined payload (Messenger: up to 1000 characters)
   */
  record PostbackButton(String title, String payload) implements CardButton {
    /** Checks required fields. */
    public PostbackButton {
      Objects.requireNonNull(title, "title");
      Objects.requireNonNull(payload, "payload");
    }
  }
}
