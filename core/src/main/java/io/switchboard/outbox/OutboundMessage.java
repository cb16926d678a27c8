package io.switchboard.outbox;

import io.switchboard.ChannelType;
import io.switchboard.TenantId;
import io.switchboard.message.DeliveryStatus;
import io.switchboard.message.Priority;
import io.switchboard.message.SendRequest;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A queued or sent message with its current status, as the host sees it.
 *
 * @param id Switchboard's message id
 * @param request what was asked to be sent (content may have been replaced by the window policy's
 *     fallback template)
 * @param accountId the sending account
 * @param status the current status
 * @param attempts send attempts made
 * @param createdAt when it was queued
 * @param updatedAt when it last changed
 * @param sentAt when the channel accepted it
 * @param externalId the channel's message id, once sent
 * @param errorCode the channel's error code of the last failure (such as {@code 131047})
 * @param errorMessage the last failure's description
 * @param campaignId its campaign, if any
 */
public record OutboundMessage(
    String id,
    SendRequest request,
    String accountId,
    DeliveryStatus status,
    int attempts,
    Instant createdAt,
    Instant updatedAt,
    Optional<Instant> sentAt,
    Optional<String> externalId,
    Optional<String> errorCode,
    Optional<String> errorMessage,
    Optional<String> campaignId) {

  /** Checks required fields. */
  public OutboundMessage {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(request, "request");
    Objects.requireNonNull(accountId, "accountId");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(createdAt, "createdAt");
    Objects.requireNonNull(updatedAt, "updatedAt");
    Objects.requireNonNull(sentAt, "sentAt");
    Objects.requireNonNull(externalId, "externalId");
    Objects.requireNonNull(errorCode, "errorCode");
    Objects.requireNonNull(errorMessage, "errorMessage");
    Objects.requireNonNull(campaignId, "campaignId");
  }

  /**
   * The sending tenant.
   *
   * @return the tenant
   */
  public TenantId tenant() {
    return request.tenant();
  }

  /**
   * The channel.
   *
   * @return the channel
   */
  public ChannelType channel() {
    return request.channel();
  }

  /**
   * The priority.
   *
   * @return conversational or bulk
   */
  public Priority priority() {
    return request.priority();
  }
}
