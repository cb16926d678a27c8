package io.switchboard.event;

import io.switchboard.ChannelType;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A customer wrote to a tenant's account.
 *
 * @param channel the channel
 * @param accountId the receiving account (WhatsApp phone number id, Page id, Instagram id)
 * @param externalId the channel's message id (WhatsApp {@code wamid...}); reply or react with it
 * @param occurredAt when the customer sent it
 * @param from who sent it
 * @param content what it contains
 * @param context reply and forwarding information, if any
 * @param referral the ad or post that led to it, if any
 */
public record MessageReceived(
    ChannelType channel,
    String accountId,
    String externalId,
    Instant occurredAt,
    Sender from,
    InboundContent content,
    Optional<MessageContext> context,
    Optional<Referral> referral)
    implements InboundEvent {

  /** Checks required fields. */
  public MessageReceived {
    Objects.requireNonNull(channel, "channel");
    Objects.requireNonNull(accountId, "accountId");
    Objects.requireNonNull(externalId, "externalId");
    Objects.requireNonNull(occurredAt, "occurredAt");
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(content, "content");
    Objects.requireNonNull(context, "context");
    Objects.requireNonNull(referral, "referral");
  }
}
