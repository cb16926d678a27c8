package io.switchboard.message;

import java.util.List;
import java.util.Objects;

/**
 * Text with up to three URL or postback buttons (Messenger and Instagram button template).
 *
 * @param text the text (Messenger: up to 640 characters)
 * @param buttons the buttons
 */
public record ButtonTemplate(String text, List<CardButton> buttons) implements MessageContent {

  /** Copies the list and checks required fields. */
  public ButtonTemplate {
    Objects.requireNonNull(text, "text");
    buttons = List.copyOf(buttons);
  }

  /**
   * Text with buttons.
   *
   * @param text the text
   * @param buttons the buttons
   * @return the content
   */
  public static ButtonTemplate of(String text, CardButton... buttons) {
    return new ButtonTemplate(text, List.of(buttons));
  }
}
