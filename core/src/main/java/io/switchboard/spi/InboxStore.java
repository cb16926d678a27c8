package io.switchboard.spi;

import io.switchboard.ChannelType;
import io.switchboard.TenantId;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The durable inbox: every verified inbound event is appended here <b>before</b> Meta gets its
 * {@code 200}, then handed to the host from here, at least once.
 *
 * <p>Contract:
 * <ul>
 *   <li>{@link #append} is atomic per event and deduplicates on (channel, externalId): of any
 *       number of concurrent appends of the same event, exactly one reports it as inserted.
 *       Events with a tenant start {@code PENDING} and due immediately; events without a tenant
 *       start {@code UNROUTABLE}.
 *   <li>{@link #claimDue} hands out due {@code PENDING} events under a lease: an entry claimed by
 *       one caller is not returned to another until the lease expires (so a crashed node's claims
 *       come back). Several processes may claim concurrently.
 *   <li><b>Conversation order.</b> Events with the same {@link InboxEvent#orderingKey()} are handed
 *       out strictly in append order: an entry is claimable only while no entry of its key that was
 *       appended before it is still {@code PENDING} or {@code UNROUTABLE} (delivered ones no longer
 *       count), unless that earlier entry is returned before it by the same {@link #claimDue}
 *       call. So a claim returns, per key, the oldest undelivered entry and then, while it is due
 *       and unleased, the entries after it, in order; a failed or leased entry holds back every
 *       later entry of its key, and only those. Within one {@link #append} call the list order is
 *       the append order. Entries without a key are not ordered.
 *   <li>Implementations must be thread-safe, may block, report failures as
 *       {@link io.switchboard.StoreException}, and never return null.
 * </ul>
 */
public interface InboxStore {

  /**
   * Appends events, dropping duplicates.
   *
   * @param events the events to store
   * @return for each event, whether it was new
   */
  AppendResult append(List<InboxEvent> events);

  /**
   * Claims up to {@code limit} due pending events for {@code lease}: the claimable entries (heads
   * of their conversations, and entries without a key), oldest due first, and then, as far as the
   * limit allows, the due, unleased entries queued behind those heads (see the class contract on
   * conversation order). A store should not let a deep queue crowd out heads further back. The
   * returned list keeps every key's entries in append order.
   *
   * @param now the current time
   * @param limit the most to return
   * @param lease how long the claim holds
   * @param owner the claiming node's id
   * @return the claimed entries
   */
  List<InboxEntry> claimDue(Instant now, int limit, Duration lease, String owner);

  /**
   * Records that the host accepted an event; it will not be claimed again.
   *
   * @param id the entry id
   * @param at when
   */
  void markDelivered(String id, Instant at);

  /**
   * Records that the host accepted several events, in one round trip where the store can; same
   * rules as {@link #markDelivered(String, Instant)} for each id. The default marks them one by
   * one.
   *
   * @param ids the entry ids
   * @param at when
   */
  default void markDelivered(List<String> ids, Instant at) {
    for (String id : ids) {
      markDelivered(id, at);
    }
  }

  /**
   * Records a failed handler call and makes the event due again later; releases the lease.
   *
   * @param id the entry id
   * @param attempts the number of attempts made so far
   * @param nextAttemptAt when to try again
   * @param error the failure (exception class and message), for inspection
   */
  void reschedule(String id, int attempts, Instant nextAttemptAt, String error);

  /**
   * Gives every unroutable event of an account to a tenant that has just connected it, making
   * them pending.
   *
   * @param channel the channel
   * @param accountId the account
   * @param tenant the new owner
   * @return how many events were assigned
   */
  int assignUnroutable(ChannelType channel, String accountId, TenantId tenant);

  /**
   * Lists unroutable events, oldest first.
   *
   * @param limit the most to return
   * @return the entries
   */
  List<InboxEntry> unroutable(int limit);

  /**
   * Reads one entry by its channel id.
   *
   * @param channel the channel
   * @param externalId the channel's event id
   * @return the entry, if stored
   */
  Optional<InboxEntry> find(ChannelType channel, String externalId);

  /**
   * Deletes delivered entries older than a cut-off. Duplicates of a purged event are no longer
   * recognised, so keep entries longer than the channel retries (WhatsApp: 7 days).
   *
   * @param deliveredBefore delete entries delivered before this time
   * @return how many were deleted
   */
  int purgeDelivered(Instant deliveredBefore);

  /**
   * Keeps a signed webhook body that could not be processed.
   *
   * @param webhook the body and the reason
   */
  void recordMalformed(MalformedWebhook webhook);

  /**
   * Lists kept malformed bodies, newest first.
   *
   * @param limit the most to return
   * @return the records
   */
  List<MalformedWebhook> malformed(int limit);
}
