package io.switchboard.event;

import io.switchboard.ChannelType;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * The customer tapped a postback button (Messenger or Instagram button template, generic template,
 * persistent menu, icebreaker).
 *
 * @param channel the channel
 * @param accountId the Page id or Instagram account id
 * @param externalId the postback's id ({@code mid}), or one derived from its content
 * @param occurredAt when it was tapped
 * @param from who tapped
 * @param payload the payload the business set on the button
 * @param title the button's title, if given
 * @param referral the link or ad that started the conversation, if the postback carries one
 */
public record Postback(
    ChannelType channel,
    String accountId,
    String externalId,
    Instant occurredAt,
    Sender from,
    String payload,
    Optional<String> title,
    Optional<Referral> referral)
    implements InboundEvent {

  /** Checks required fields. */
  public Postback {
    Objects.requireNonNull(channel, "channel");
    Objects.requireNonNull(accountId, "accountId");
    Objects.requireNonNull(externalId, "externalId");
    Objects.requireNonNull(occurredAt, "occurredAt");
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(payload, "payload");
    Objects.requireNonNull(title, "title");
    Objects.requireNonNull(referral, "referral");
  }
}
