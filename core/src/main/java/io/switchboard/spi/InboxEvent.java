package io.switchboard.spi;

import io.switchboard.ChannelType;
import io.switchboard.TenantId;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A verified inbound event ready to be appended to the {@link InboxStore}.
 *
 * @param id Switchboard's id for the entry (a UUID string)
 * @param channel the channel
 * @param externalId the channel's unique id for the event; (channel, externalId) is unique
 * @param tenant the owning tenant, or empty if no tenant owns the account yet (unroutable)
 * @param accountId the account the event arrived for
 * @param eventType the event's type name, for inspection and queries
 * @param payload the event, serialised by Switchboard; opaque to the store
 * @param receivedAt when the webhook arrived
 */
public record InboxEvent(
    String id,
    ChannelType channel,
    String externalId,
    Optional<TenantId> tenant,
    String accountId,
    String eventType,
    String payload,
    Instant receivedAt) {

  /** Checks required fields. */
  public InboxEvent {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(channel, "channel");
    Objects.requireNonNull(externalId, "externalId");
    Objects.requireNonNull(tenant, "tenant");
    Objects.requireNonNull(accountId, "accountId");
    Objects.requireNonNull(eventType, "eventType");
    Objects.requireNonNull(payload, "payload");
    Objects.requireNonNull(receivedAt, "receivedAt");
  }
}
