package io.switchboard.outbox;

import io.switchboard.ChannelType;
import io.switchboard.spi.OutboxQuery;
import java.util.List;
import java.util.Optional;

/**
 * The host's view of the outbound queue: look messages up, list failures, re-drive them, and
 * dispatch due messages on the calling thread. Obtained from {@code Switchboard.outbox()}.
 * Thread-safe.
 */
public interface Outbox {

  /**
   * Reads one message.
   *
   * @param id Switchboard's message id
   * @return it, if stored
   */
  Optional<OutboundMessage> find(String id);

  /**
   * Reads the message a channel id belongs to.
   *
   * @param channel the channel
   * @param externalId the channel's message id
   * @return it, if stored
   */
  Optional<OutboundMessage> findByExternalId(ChannelType channel, String externalId);

  /**
   * Lists messages, newest first (for example a tenant's {@code FAILED} ones).
   *
   * @param query what to select
   * @return the messages
   */
  List<OutboundMessage> list(OutboxQuery query);

  /**
   * Sends a {@code FAILED} message again from the start (attempts reset).
   *
   * @param id the message id
   * @return true if it was failed and is queued again
   */
  boolean redrive(String id);

  /**
   * Sends every due message on the calling thread and waits for the outcomes. {@code start()}
   * does this in the background; call it where the host drives work itself, or in tests.
   *
   * @return how many messages were handled
   */
  int dispatchDue();
}
