package io.switchboard.event;

import io.switchboard.ChannelType;
import java.time.Instant;
import java.util.Objects;

/**
 * The customer deleted (unsent) a message they had sent (Instagram {@code is_deleted}).
 *
 * @param channel the channel
 * @param accountId the account that had received it
 * @param externalId a unique id of this deletion report
 * @param occurredAt when it was deleted
 * @param from who deleted it
 * @param messageId the deleted message's id
 */
public record MessageDeleted(
    ChannelType channel, String accountId, String externalId, Instant occurredAt, Sender from, String messageId)
    implements InboundEvent {

  /** Checks required fields. */
  public MessageDeleted {
    Objects.requireNonNull(channel, "channel");
    Objects.requireNonNull(accountId, "accountId");
    Objects.requireNonNull(externalId, "externalId");
    Objects.requireNonNull(occurredAt, "occurredAt");
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(messageId, "messageId");
  }
}
