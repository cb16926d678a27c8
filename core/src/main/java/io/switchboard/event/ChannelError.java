package io.switchboard.event;

import io.switchboard.ChannelType;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * The channel reported errors not tied to one message (WhatsApp value-level {@code errors[]}).
 *
 * @param channel the channel
 * @param accountId the affected account
 * @param externalId a stable id derived from the report's content
 * @param occurredAt when Switchboard received it (the channel gives no time)
 * @param errors what went wrong
 */
public record ChannelError(
    ChannelType channel, String accountId, String externalId, Instant occurredAt, List<ErrorDetail> errors)
    implements InboundEvent {

  /** Checks required fields and copies the list. */
  public ChannelError {
    Objects.requireNonNull(channel, "channel");
    Objects.requireNonNull(accountId, "accountId");
    Objects.requireNonNull(externalId, "externalId");
    Objects.requireNonNull(occurredAt, "occurredAt");
    errors = List.copyOf(errors);
  }
}
