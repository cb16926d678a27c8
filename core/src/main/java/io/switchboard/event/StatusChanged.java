package io.switchboard.event;

import io.switchboard.ChannelType;
import io.switchboard.message.DeliveryStatus;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The channel reports progress of an outbound message: sent, delivered, read, played or failed.
 * Reports may arrive out of order; see {@link DeliveryStatus#canAdvanceTo(DeliveryStatus)}.
 *
 * @param channel the channel
 * @param accountId the sending account
 * @param externalId unique id of this report (message id and status)
 * @param occurredAt when the status changed
 * @param messageId the outbound message's channel id ({@code wamid...})
 * @param status the new status
 * @param recipientId the recipient (WhatsApp {@code wa_id} or group id)
 * @param callbackData the opaque text the message was sent with, if any
 * @param pricing pricing information, if reported
 * @param errors why it failed, for {@link DeliveryStatus#FAILED}
 */
public record StatusChanged(
    ChannelType channel,
    String accountId,
    String externalId,
    Instant occurredAt,
    String messageId,
    DeliveryStatus status,
    String recipientId,
    Optional<String> callbackData,
    Optional<Pricing> pricing,
    List<ErrorDetail> errors)
    implements InboundEvent {

  /** Checks required fields and copies the list. */
  public StatusChanged {
    Objects.requireNonNull(channel, "channel");
    Objects.requireNonNull(accountId, "accountId");
    Objects.requireNonNull(externalId, "externalId");
    Objects.requireNonNull(occurredAt, "occurredAt");
    Objects.requireNonNull(messageId, "messageId");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(recipientId, "recipientId");
    Objects.requireNonNull(callbackData, "callbackData");
    Objects.requireNonNull(pricing, "pricing");
    errors = List.copyOf(errors);
  }
}
