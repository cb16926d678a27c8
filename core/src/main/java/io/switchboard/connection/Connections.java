package io.switchboard.connection;

import io.switchboard.ChannelType;
import io.switchboard.TenantId;
import java.util.List;
import java.util.Optional;

/**
 * Connects, lists and disconnects tenants' channel accounts. Obtained from
 * {@code Switchboard.connections()}. Thread-safe.
 */
public interface Connections {

  /**
   * Connects an account to a tenant, or replaces the token of an existing connection (and marks it
   * {@link ConnectionStatus#CONNECTED} again). Inbound events that arrived for this account before
   * it was connected, and were kept as unroutable, are handed to this tenant.
   *
   * @param request the account and token
   * @return the stored connection
   * @throws io.switchboard.ConnectionConflictException if another tenant owns the account
   */
  ChannelConnection connect(ConnectRequest request);

  /**
   * Removes a connection and its stored token.
   *
   * @param key the connection
   * @return true if it existed
   */
  boolean disconnect(ConnectionKey key);

  /**
   * Finds one connection.
   *
   * @param key the connection
   * @return it, if it exists
   */
  Optional<ChannelConnection> find(ConnectionKey key);

  /**
   * Lists a tenant's connections on every channel.
   *
   * @param tenant the tenant
   * @return its connections
   */
  List<ChannelConnection> list(TenantId tenant);

  /**
   * Lists a tenant's connections on one channel.
   *
   * @param tenant the tenant
   * @param channel the channel
   * @return its connections on that channel
   */
  default List<ChannelConnection> list(TenantId tenant, ChannelType channel) {
    return list(tenant).stream().filter(c -> c.channel() == channel).toList();
  }
}
