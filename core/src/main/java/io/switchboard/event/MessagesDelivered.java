package io.switchboard.event;

import io.switchboard.ChannelType;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The business's messages reached the customer's device (Messenger {@code message_deliveries}).
 *
 * @param channel the channel
 * @param accountId the Page id
 * @param externalId an id derived from recipient, watermark and message ids
 * @param occurredAt when delivery was reported
 * @param recipientId the customer (PSID)
 * @param messageIds the delivered messages, where listed (Messenger may omit them)
 * @param watermark everything sent at or before this time is delivered
 */
public record MessagesDelivered(
    ChannelType channel,
    String accountId,
    String externalId,
    Instant occurredAt,
    String recipientId,
    List<String> messageIds,
    Optional<Instant> watermark)
    implements InboundEvent {

  /** Checks required fields and copies the list. */
  public MessagesDelivered {
    Objects.requireNonNull(channel, "channel");
    Objects.requireNonNull(accountId, "accountId");
    Objects.requireNonNull(externalId, "externalId");
    Objects.requireNonNull(occurredAt, "occurredAt");
    Objects.requireNonNull(recipientId, "recipientId");
    messageIds = List.copyOf(messageIds);
    Objects.requireNonNull(watermark, "watermark");
  }
}
