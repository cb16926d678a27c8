package io.switchboard.event;

import io.switchboard.ChannelType;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A message the business's own account sent (Messenger and Instagram echoes): from this app, from
 * another app, or typed by a person in the Page inbox. It is the business talking, never a
 * customer message; hosts use it to keep their conversation view complete.
 *
 * @param channel the channel
 * @param accountId the Page id or Instagram account id that sent it
 * @param externalId the message id ({@code mid})
 * @param occurredAt when it was sent
 * @param recipientId the customer it went to (PSID / IGSID)
 * @param content what it contained
 * @param appId the app that sent it, if reported (absent for messages typed in the inbox)
 * @param metadata the {@code metadata} the sending app attached, if any
 */
public record MessageEcho(
    ChannelType channel,
    String accountId,
    String externalId,
    Instant occurredAt,
    String recipientId,
    InboundContent content,
    Optional<String> appId,
    Optional<String> metadata)
    implements InboundEvent {

  /** Checks required fields. */
  public MessageEcho {
    Objects.requireNonNull(channel, "channel");
    Objects.requireNonNull(accountId, "accountId");
    Objects.requireNonNull(externalId, "externalId");
    Objects.requireNonNull(occurredAt, "occurredAt");
    Objects.requireNonNull(recipientId, "recipientId");
    Objects.requireNonNull(content, "content");
    Objects.requireNonNull(appId, "appId");
    Objects.requireNonNull(metadata, "metadata");
  }
}
