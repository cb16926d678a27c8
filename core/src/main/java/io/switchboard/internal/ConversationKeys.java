package io.switchboard.internal;

import io.switchboard.event.InboundEvent;
import io.switchboard.event.MessageDeleted;
import io.switchboard.event.MessageEcho;
import io.switchboard.event.MessageReceived;
import io.switchboard.event.MessagesDelivered;
import io.switchboard.event.MessagesRead;
import io.switchboard.event.Postback;
import io.switchboard.event.ReactionReceived;
import io.switchboard.event.ReferralReceived;
import io.switchboard.event.StatusChanged;
import io.switchboard.spi.InboxEvent;
import io.switchboard.webhook.ContentDigest;
import java.util.Optional;

/**
 * The conversation an inbound event belongs to, as the inbox's ordering key: channel, receiving
 * account and the other party (the customer who wrote, reacted or read, or the recipient of an
 * outbound message whose status changed). Account-level events (errors, notifications) belong to
 * no conversation.
 */
public final class ConversationKeys {

  private ConversationKeys() {}

  /**
   * The ordering key of an event.
   *
   * @param event the event
   * @return {@code CHANNEL:account:peer}, or a SHA-256 of it if longer than
   *     {@link InboxEvent#MAX_ORDERING_KEY}; empty for account-level events
   */
  public static Optional<String> of(InboundEvent event) {
    String peer = peerOf(event);
    if (peer == null || peer.isBlank()) {
      return Optional.empty();
    }
    String key = event.channel().name() + ':' + event.accountId() + ':' + peer;
    return Optional.of(key.length() <= InboxEvent.MAX_ORDERING_KEY ? key : "sha256:" + ContentDigest.sha256(key));
  }

  private static String peerOf(InboundEvent event) {
    if (event instanceof MessageReceived e) {
      return e.from().id();
    } else if (event instanceof ReactionReceived e) {
      return e.from().id();
    } else if (event instanceof MessageDeleted e) {
      return e.from().id();
    } else if (event instanceof Postback e) {
      return e.from().id();
    } else if (event instanceof ReferralReceived e) {
      return e.from().id();
    } else if (event instanceof StatusChanged e) {
      return e.recipientId();
    } else if (event instanceof MessagesRead e) {
      return e.readerId();
    } else if (event instanceof MessagesDelivered e) {
      return e.recipientId();
    } else if (event instanceof MessageEcho e) {
      return e.recipientId();
    }
    return null; // ChannelError, ChannelNotification: account level
  }

}
