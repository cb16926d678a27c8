package io.switchboard.spi;

import io.switchboard.ChannelType;
import io.switchboard.TenantId;
import io.switchboard.connection.ChannelConnection;
import io.switchboard.connection.ConnectionKey;
import java.util.List;
import java.util.Optional;

/**
 * Keeps tenants' channel connections (no tokens).
 *
 * <p>An account ({@code channel} + {@code accountId}) belongs to at most one tenant: that is what
 * makes webhook routing unambiguous. Implementations must enforce it atomically (a unique
 * constraint), must be thread-safe, may block, report failures as
 * {@link io.switchboard.StoreException} and never return null.
 */
public interface ConnectionStore {

  /**
   * Inserts or updates a connection.
   *
   * @param connection the connection
   * @throws io.switchboard.ConnectionConflictException if another tenant owns the same channel
   *     account
   */
  void save(ChannelConnection connection);

  /**
   * Reads one connection.
   *
   * @param key tenant, channel and account
   * @return it, if it exists
   */
  Optional<ChannelConnection> find(ConnectionKey key);

  /**
   * Finds the connection that owns an account, whichever tenant it belongs to. Used for routing.
   *
   * @param channel the channel
   * @param accountId the account id
   * @return the owning connection, if any
   */
  Optional<ChannelConnection> findByAccount(ChannelType channel, String accountId);

  /**
   * Finds every connection on a channel with an attribute of the given value, whichever tenants
   * they belong to. Used to route account-level webhooks (a WhatsApp template status carries the
   * WhatsApp Business Account id, stored as the {@code waba_id} attribute).
   *
   * @param channel the channel
   * @param name the attribute name
   * @param value the attribute value
   * @return the matching connections, possibly empty
   */
  List<ChannelConnection> findByAttribute(ChannelType channel, String name, String value);

  /**
   * Lists a tenant's connections.
   *
   * @param tenant the tenant
   * @return its connections, in no particular order
   */
  List<ChannelConnection> list(TenantId tenant);

  /**
   * Deletes a connection.
   *
   * @param key the connection
   * @return true if it existed
   */
  boolean delete(ConnectionKey key);
}
