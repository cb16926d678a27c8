package io.switchboard.event;

import io.switchboard.ChannelType;
import java.time.Instant;

/**
 * Something a channel told Switchboard through a webhook: a customer's message or reaction, a
 * delivery status of an outbound message, an error, or another account notification.
 *
 * <p>A sealed hierarchy, so a host can handle every kind and knows when a new one appears. Every
 * event names the channel and the account (phone number id, Page id, Instagram account id) it
 * arrived for, and an {@link #externalId()} that is unique per channel: Switchboard drops a second
 * event with the same id, which is how webhook retries and duplicates vanish. Immutable.
 */
public sealed interface InboundEvent
    permits MessageReceived,
        ReactionReceived,
        StatusChanged,
        MessagesRead,
        MessagesDelivered,
        MessageEcho,
        MessageDeleted,
        Postback,
        ReferralReceived,
        ChannelError,
        ChannelNotification {

  /**
   * The channel the event came from.
   *
   * @return the channel
   */
  ChannelType channel();

  /**
   * The receiving account: WhatsApp phone number id, Page id, or Instagram account id (or, for
   * account-level notifications, the WhatsApp Business Account id).
   *
   * @return the account id used to route the event to a tenant
   */
  String accountId();

  /**
   * The event's unique id within its channel, used to drop duplicates.
   *
   * @return the id
   */
  String externalId();

  /**
   * When the channel says the event happened.
   *
   * @return the time
   */
  Instant occurredAt();
}
