package io.switchboard.event;

import io.switchboard.ChannelType;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * The customer read the business's messages. Messenger reports a watermark (every message sent
 * at or before it is read); Instagram names the message read.
 *
 * @param channel the channel
 * @param accountId the Page id or Instagram account id
 * @param externalId an id derived from reader and watermark or message
 * @param occurredAt when it was read
 * @param readerId who read (PSID / IGSID)
 * @param messageId the message read, where the channel names one
 * @param watermark everything sent at or before this time is read, where the channel says so
 */
public record MessagesRead(
    ChannelType channel,
    String accountId,
    String externalId,
    Instant occurredAt,
    String readerId,
    Optional<String> messageId,
    Optional<Instant> watermark)
    implements InboundEvent {

  /** Checks required fields. */
  public MessagesRead {
    Objects.requireNonNull(channel, "channel");
    Objects.requireNonNull(accountId, "accountId");
    Objects.requireNonNull(externalId, "externalId");
    Objects.requireNonNull(occurredAt, "occurredAt");
    Objects.requireNonNull(readerId, "readerId");
    Objects.requireNonNull(messageId, "messageId");
    Objects.requireNonNull(watermark, "watermark");
  }
}
