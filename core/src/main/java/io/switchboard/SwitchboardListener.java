package io.switchboard;

import io.switchboard.connection.ChannelConnection;
import io.switchboard.outbox.OutboundMessage;

/**
 * Tells the host about changes Switchboard makes on its own: an outbound message's status moved
 * (sent, delivered, read, failed, ...), or a connection's status changed (a rejected token marks
 * it {@code NEEDS_REAUTH}). Every method has a no-op default, so new notifications can be added
 * without breaking implementations. Called from Switchboard's threads; must be thread-safe and
 * quick (hand long work to your own executor). Exceptions it throws are logged and ignored.
 */
public interface SwitchboardListener {

  /** A listener that ignores everything. */
  SwitchboardListener NONE = new SwitchboardListener() {};

  /**
   * An outbound message moved to a new status.
   *
   * @param message the message after the change
   */
  default void onMessageStatus(OutboundMessage message) {}

  /**
   * A connection's status changed.
   *
   * @param connection the connection after the change
   */
  default void onConnectionStatus(ChannelConnection connection) {}
}
