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
 * @param orderingKey the conversation the event belongs to (at most {@value #MAX_ORDERING_KEY}
 *     characters): events with the same key are handed out in append order, one conversation
 *     step at a time (see {@link InboxStore#claimDue}); empty for events that need no order, such
 *     as account-level notifications
 */
public record InboxEvent(
    String id,
    ChannelType channel,
    String externalId,
    Optional<TenantId> tenant,
    String accountId,
    String eventType,
    String payload,
    Instant receivedAt,
    Optional<String> orderingKey) {

  /** Longest ordering key a store must keep. */
  public static final int MAX_ORDERING_KEY = 255;

  /**
   * Checks required fields.
   *
   * @throws IllegalArgumentException if the ordering key is blank or longer than
   *     {@value #MAX_ORDERING_KEY} characters
   */
  public InboxEvent {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(channel, "channel");
    Objects.requireNonNull(externalId, "externalId");
    Objects.requireNonNull(tenant, "tenant");
    Objects.requireNonNull(accountId, "accountId");
    Objects.requireNonNull(eventType, "eventType");
    Objects.requireNonNull(payload, "payload");
    Objects.requireNonNull(receivedAt, "receivedAt");
    Objects.requireNonNull(orderingKey, "orderingKey");
    orderingKey.ifPresent(k -> {
      if (k.isBlank() || k.length() > MAX_ORDERING_KEY) {
        throw new IllegalArgumentException("orderingKey must be 1 to " + MAX_ORDERING_KEY
            + " non-blank characters (was " + k.length() + " characters)");
      }
    });
  }

  /**
   * An event without an ordering key.
   *
   * @param id Switchboard's id for the entry
   * @param channel the channel
   * @param externalId the channel's unique id for the event
   * @param tenant the owning tenant, or empty if unroutable
   * @param accountId the account the event arrived for
   * @param eventType the event's type name
   * @param payload the serialised event
   * @param receivedAt when the webhook arrived
   */
  public InboxEvent(String id, ChannelType channel, String externalId, Optional<TenantId> tenant,
      String accountId, String eventType, String payload, Instant receivedAt) {
    this(id, channel, externalId, tenant, accountId, eventType, payload, receivedAt, Optional.empty());
  }

  /**
   * A copy owned by another tenant (used when an unroutable event gets its owner).
   *
   * @param newTenant the owner
   * @return the copy
   */
  public InboxEvent withTenant(TenantId newTenant) {
    return new InboxEvent(id, channel, externalId, Optional.of(newTenant), accountId, eventType, payload,
        receivedAt, orderingKey);
  }
}
