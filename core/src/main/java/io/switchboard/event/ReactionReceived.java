package io.switchboard.event;

import io.switchboard.ChannelType;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A customer reacted to a message with an emoji, or removed a reaction.
 *
 * @param channel the channel
 * @param accountId the receiving account
 * @param externalId the reaction's own id on the channel
 * @param occurredAt when it happened
 * @param from who reacted
 * @param targetMessageId the message reacted to
 * @param emoji the emoji; empty when the reaction was removed
 */
public record ReactionReceived(
    ChannelType channel,
    String accountId,
    String externalId,
    Instant occurredAt,
    Sender from,
    String targetMessageId,
    Optional<String> emoji)
    implements InboundEvent {

  /** Checks required fields. */
  public ReactionReceived {
    Objects.requireNonNull(channel, "channel");
    Objects.requireNonNull(accountId, "accountId");
    Objects.requireNonNull(externalId, "externalId");
    Objects.requireNonNull(occurredAt, "occurredAt");
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(targetMessageId, "targetMessageId");
    Objects.requireNonNull(emoji, "emoji");
  }

  /**
   * Whether the customer removed an earlier reaction.
   *
   * @return true if there is no emoji
   */
  public boolean isRemoval() {
    return emoji.isEmpty();
  }
}
