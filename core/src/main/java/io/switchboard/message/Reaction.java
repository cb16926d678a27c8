package io.switchboard.message;

import java.util.Objects;

/**
 * An emoji reaction to an earlier message, or the removal of one.
 *
 * @param messageId the channel's id of the message reacted to
 * @param emoji the emoji; empty to remove an earlier reaction
 */
public record Reaction(String messageId, String emoji) implements MessageContent {

  /** Checks required fields. */
  public Reaction {
    Objects.requireNonNull(messageId, "messageId");
    Objects.requireNonNull(emoji, "emoji");
  }

  /**
   * Reacts to a message.
   *
   * @param messageId the message's channel id
   * @param emoji one emoji
   * @return the content
   */
  public static Reaction of(String messageId, String emoji) {
    return new Reaction(messageId, emoji);
  }

  /**
   * Removes this business's earlier reaction to a message.
   *
   * @param messageId the message's channel id
   * @return the content
   */
  public static Reaction remove(String messageId) {
    return new Reaction(messageId, "");
  }

  /**
   * Whether this removes a reaction.
   *
   * @return true if the emoji is empty
   */
  public boolean isRemoval() {
    return emoji.isEmpty();
  }
}
