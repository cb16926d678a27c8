package io.switchboard.message;

import io.switchboard.ChannelType;
import io.switchboard.TenantId;
import java.util.Objects;
import java.util.Optional;

/**
 * The channel accepted a message. Acceptance is not delivery: delivery and read arrive later as
 * status events.
 *
 * @param tenant the sending tenant
 * @param channel the channel used
 * @param accountId the sending account (phone number id, Page id, Instagram account id)
 * @param externalId the channel's message id (WhatsApp {@code wamid...}); status events carry it
 * @param recipientId the recipient as the channel resolved it (WhatsApp {@code wa_id}), if reported
 * @param acceptance the channel's acceptance state where it reports one (WhatsApp template pacing:
 *     {@code accepted}, {@code held_for_quality_assessment}, {@code paused})
 */
public record SendReceipt(
    TenantId tenant,
    ChannelType channel,
    String accountId,
    String externalId,
    Optional<String> recipientId,
    Optional<String> acceptance) {

  /** Checks required fields. */
  public SendReceipt {
    Objects.requireNonNull(tenant, "tenant");
    Objects.requireNonNull(channel, "channel");
    Objects.requireNonNull(accountId, "accountId");
    Objects.requireNonNull(externalId, "externalId");
    Objects.requireNonNull(recipientId, "recipientId");
    Objects.requireNonNull(acceptance, "acceptance");
  }
}
