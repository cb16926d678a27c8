package io.switchboard.message;

import java.util.Objects;

/**
 * A plain text message.
 *
 * @param body the text; WhatsApp allows up to 4096 characters
 * @param previewUrl whether the channel should render a preview of the first URL in the body
 */
public record Text(String body, boolean previewUrl) implements MessageContent {

  /** Checks the body is present. */
  public Text {
    Objects.requireNonNull(body, "body");
  }

  /**
   * A text message without URL preview.
   *
   * @param body the text
   * @return the content
   */
  public static Text of(String body) {
    return new Text(body, false);
  }

  /**
   * A text message whose first URL is rendered as a preview.
   *
   * @param body the text
   * @return the content
   */
  public static Text withPreview(String body) {
    return new Text(body, true);
  }
}
