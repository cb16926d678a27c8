package io.switchboard.message;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Text with quick-reply chips (Messenger, Instagram). A tap arrives as a message whose content is
 * an {@link io.switchboard.event.InboundContent.InteractiveReply} of kind {@code QUICK_REPLY}.
 *
 * @param text the message text
 * @param replies the chips (Messenger: up to 13)
 */
public record QuickReplies(String text, List<QuickReply> replies) implements MessageContent {

  /** Copies the list and checks required fields. */
  public QuickReplies {
    Objects.requireNonNull(text, "text");
    replies = List.copyOf(replies);
  }

  /**
   * Text with chips.
   *
   * @param text the message text
   * @param replies the chips
   * @return the content
   */
  public static QuickReplies of(String text, QuickReply... replies) {
    return new QuickReplies(text, List.of(replies));
  }

  /**
   * One chip.
   *
   * @param title the label (Messenger: up to 20 characters)
   * @param payload returned when tapped (Messenger: up to 1000 characters)
   * @param imageUrl optional icon
   */
  public record QuickReply(String title, String payload, Optional<String> imageUrl) {
    /** Checks required fields. */
    public QuickReply {
      Objects.requireNonNull(title, "title");
      Objects.requireNonNull(payload, "payload");
      Objects.requireNonNull(imageUrl, "imageUrl");
    }

    /**
     * A text chip.
     *
     * @param title the label
     * @param payload returned when tapped
     * @return the chip
     */
    public static QuickReply of(String title, String payload) {
      return new QuickReply(title, payload, Optional.empty());
    }
  }
}
