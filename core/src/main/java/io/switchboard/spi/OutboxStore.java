package io.switchboard.spi;

import io.switchboard.ChannelType;
import io.switchboard.message.DeliveryStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The durable outbound queue. {@code Switchboard.send} stores a message here and returns at once;
 * dispatchers (threads or processes sharing a database) claim due messages, send them, and record
 * the outcome. Status webhooks later move sent messages forward.
 *
 * <p>Contract:
 * <ul>
 *   <li>{@link #enqueue} is atomic and unique on (tenant, idempotencyKey) when a key is present: of
 *       concurrent enqueues with one key exactly one inserts; the others get the stored message.
 *   <li>{@link #claimDue} hands each due message ({@code QUEUED}, or {@code SENDING} whose lease
 *       expired, with {@code nextAttemptAt <= now}) to one claimer at a time under a lease, and
 *       marks it {@code SENDING}. Order: every {@code CONVERSATIONAL} message before any
 *       {@code BULK} one; within a priority, fair between tenants (each tenant's earliest due
 *       message before any tenant's second), then by {@code nextAttemptAt}.
 *   <li>Status changes only move forward ({@link DeliveryStatus#canAdvanceTo}); a method asked to
 *       move a message backwards or out of a terminal state does nothing and reports so.
 *   <li>Implementations must be thread-safe, may block, report failures as
 *       {@link io.switchboard.StoreException}, and never return null.
 * </ul>
 */
public interface OutboxStore {

  /**
   * Stores a new {@code QUEUED} message unless the tenant already has one with the same
   * idempotency key.
   *
   * @param record the message
   * @return the stored message and whether it was new
   */
  EnqueueResult enqueue(OutboxRecord record);

  /**
   * Stores many messages (a campaign), each as {@link #enqueue} would.
   *
   * @param records the messages
   * @return one result per record, in order
   */
  List<EnqueueResult> enqueueAll(List<OutboxRecord> records);

  /**
   * Reads one message.
   *
   * @param id the message id
   * @return it, if stored
   */
  Optional<OutboxRecord> find(String id);

  /**
   * Reads the message a channel id belongs to.
   *
   * @param channel the channel
   * @param externalId the channel's message id
   * @return it, if stored
   */
  Optional<OutboxRecord> findByExternalId(ChannelType channel, String externalId);

  /**
   * Claims due messages, marking them {@code SENDING} under a lease.
   *
   * @param now the current time
   * @param limit the most to claim
   * @param lease how long the claim holds
   * @param owner the claiming node
   * @return the claimed messages, in dispatch order
   */
  List<OutboxRecord> claimDue(Instant now, int limit, Duration lease, String owner);

  /**
   * Records that the channel accepted a message: {@code SENT}, with its channel id; releases the
   * lease.
   *
   * @param id the message id
   * @param externalId the channel's message id
   * @param attempts attempts made, including this one
   * @param at when
   * @return true if the message moved to {@code SENT}
   */
  boolean markSent(String id, String externalId, int attempts, Instant at);

  /**
   * Puts a message back in the queue after a retryable failure; releases the lease.
   *
   * @param id the message id
   * @param attempts attempts made so far
   * @param nextAttemptAt when to try again
   * @param errorCode the channel's error code, if any
   * @param error what failed
   * @param at when
   * @return true if the message was {@code QUEUED} or {@code SENDING} and is now {@code QUEUED}
   */
  boolean reschedule(String id, int attempts, Instant nextAttemptAt, Optional<String> errorCode, String error, Instant at);

  /**
   * Fails a message for good; releases the lease.
   *
   * @param id the message id
   * @param attempts attempts made
   * @param errorCode the channel's error code, if any
   * @param error why
   * @param at when
   * @return true if the message was {@code QUEUED} or {@code SENDING} and is now {@code FAILED}
   */
  boolean markFailed(String id, int attempts, Optional<String> errorCode, String error, Instant at);

  /**
   * Moves the message with a channel id forward, as reported by a status webhook.
   *
   * @param channel the channel
   * @param externalId the channel's message id
   * @param to the reported status
   * @param at when it was reported
   * @param errorCode for {@code FAILED}: the channel's code
   * @param error for {@code FAILED}: the description
   * @return the updated message if it moved; empty if unknown or the report is not progress
   */
  Optional<OutboxRecord> advance(
      ChannelType channel, String externalId, DeliveryStatus to, Instant at, Optional<String> errorCode,
      Optional<String> error);

  /**
   * Moves forward every accepted message an account sent to a recipient at or before a watermark
   * (Messenger read and delivery watermarks).
   *
   * @param channel the channel
   * @param accountId the sending account
   * @param recipient the recipient
   * @param watermark messages sent at or before this time
   * @param to the status reached
   * @param at when it was reported
   * @return the messages that moved
   */
  List<OutboxRecord> advanceUpTo(
      ChannelType channel, String accountId, String recipient, Instant watermark, DeliveryStatus to, Instant at);

  /**
   * Sets when the {@code QUEUED} messages of an account are next due (hold them while its token is
   * invalid, or release them when it is connected again).
   *
   * @param channel the channel
   * @param accountId the account
   * @param until the new due time
   * @param at when
   * @return how many messages were changed
   */
  int deferAccount(ChannelType channel, String accountId, Instant until, Instant at);

  /**
   * Re-drives a {@code FAILED} message: {@code QUEUED} again, attempts reset, due at {@code at}.
   *
   * @param id the message id
   * @param at when
   * @return true if it was {@code FAILED}
   */
  boolean requeue(String id, Instant at);

  /**
   * Cancels a campaign's messages that are {@code QUEUED} (not those being sent).
   *
   * @param campaignId the campaign
   * @param at when
   * @return how many were cancelled
   */
  int cancelCampaign(String campaignId, Instant at);

  /**
   * Counts a campaign's messages per status.
   *
   * @param campaignId the campaign
   * @return status to count; statuses with no message may be absent
   */
  Map<DeliveryStatus, Integer> countByCampaign(String campaignId);

  /**
   * Lists messages, newest first.
   *
   * @param query what to select
   * @return the messages
   */
  List<OutboxRecord> list(OutboxQuery query);
}
