package io.switchboard.event;

import io.switchboard.ChannelType;
import java.time.Instant;
import java.util.Objects;

/**
 * A customer opened a conversation through a link, ad or plugin carrying a referral, without a
 * message (Messenger and Instagram {@code referral} events, such as {@code OPEN_THREAD}).
 *
 * @param channel the channel
 * @param accountId the Page id or Instagram account id
 * @param externalId an id derived from the event's content
 * @param occurredAt when it happened
 * @param from the customer
 * @param referral the referral
 */
public record ReferralReceived(
    ChannelType channel, String accountId, String externalId, Instant occurredAt, Sender from, Referral referral)
    implements InboundEvent {

  /** Checks required fields. */
  public ReferralReceived {
    Objects.requireNonNull(channel, "channel");
    Objects.requireNonNull(accountId, "accountId");
    Objects.requireNonNull(externalId, "externalId");
    Objects.requireNonNull(occurredAt, "occurredAt");
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(referral, "referral");
  }
}
