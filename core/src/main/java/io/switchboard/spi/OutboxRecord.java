package io.switchboard.spi;

import io.switchboard.ChannelType;
import io.switchboard.TenantId;
import io.switchboard.message.DeliveryStatus;
import io.switchboard.message.Priority;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * An outbound message as the {@link OutboxStore} keeps it.
 *
 * @param id Switchboard's message id (a UUID string)
 * @param tenant the sending tenant
 * @param channel the channel
 * @param accountId the sending account (phone number id, Page id, Instagram account id)
 * @param recipient the recipient's id on the channel
 * @param priority conversational or bulk
 * @param idempotencyKey the host's key; (tenant, idempotencyKey) is unique when present
 * @param campaignId the campaign it belongs to, if any
 * @param payload the request, serialised by Switchboard; opaque to the store
 * @param status where it is
 * @param attempts how many send attempts were made
 * @param createdAt when it was queued
 * @param nextAttemptAt when it is due
 * @param updatedAt when it last changed
 * @param sentAt when the channel accepted it, once {@code SENT}
 * @param externalId the channel's message id, once {@code SENT}
 * @param errorCode the channel's error code of the last failure, if any
 * @param errorMessage the last failure's description, if any
 */
public record OutboxRecord(
    String id,
    TenantId tenant,
    ChannelType channel,
    String accountId,
    String recipient,
    Priority priority,
    Optional<String> idempotencyKey,
    Optional<String> campaignId,
    String payload,
    DeliveryStatus status,
    int attempts,
    Instant createdAt,
    Instant nextAttemptAt,
    Instant updatedAt,
    Optional<Instant> sentAt,
    Optional<String> externalId,
    Optional<String> errorCode,
    Optional<String> errorMessage) {

  /** Checks required fields. */
  public OutboxRecord {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(tenant, "tenant");
    Objects.requireNonNull(channel, "channel");
    Objects.requireNonNull(accountId, "accountId");
    Objects.requireNonNull(recipient, "recipient");
    Objects.requireNonNull(priority, "priority");
    Objects.requireNonNull(idempotencyKey, "idempotencyKey");
    Objects.requireNonNull(campaignId, "campaignId");
    Objects.requireNonNull(payload, "payload");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(createdAt, "createdAt");
    Objects.requireNonNull(nextAttemptAt, "nextAttemptAt");
    Objects.requireNonNull(updatedAt, "updatedAt");
    Objects.requireNonNull(sentAt, "sentAt");
    Objects.requireNonNull(externalId, "externalId");
    Objects.requireNonNull(errorCode, "errorCode");
    Objects.requireNonNull(errorMessage, "errorMessage");
  }

  /**
   * A new {@code QUEUED} record, due at {@code createdAt}.
   *
   * @param id message id
   * @param tenant tenant
   * @param channel channel
   * @param accountId sending account
   * @param recipient recipient
   * @param priority priority
   * @param idempotencyKey host key, if any
   * @param campaignId campaign, if any
   * @param payload serialised request
   * @param createdAt when queued
   * @return the record
   */
  public static OutboxRecord queued(
      String id,
      TenantId tenant,
      ChannelType channel,
      String accountId,
      String recipient,
      Priority priority,
      Optional<String> idempotencyKey,
      Optional<String> campaignId,
      String payload,
      Instant createdAt) {
    return new OutboxRecord(id, tenant, channel, accountId, recipient, priority, idempotencyKey, campaignId, payload,
        DeliveryStatus.QUEUED, 0, createdAt, createdAt, createdAt, Optional.empty(), Optional.empty(),
        Optional.empty(), Optional.empty());
  }
}
