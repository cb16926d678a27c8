package io.switchboard.channel.messenger;

import java.util.Locale;

/** A Messenger sender action: shown to the person without sending a message. */
public enum SenderAction {
  /** Shows the typing bubble (Meta hides it after about 20 seconds or when a message arrives). */
  TYPING_ON,
  /** Hides the typing bubble. */
  TYPING_OFF,
  /** Marks the person's last message as seen. */
  MARK_SEEN;

  /**
   * The value of {@code sender_action} on the wire.
   *
   * @return such as {@code typing_on}
   */
  public String wireValue() {
    return name().toLowerCase(Locale.ROOT);
  }
}
