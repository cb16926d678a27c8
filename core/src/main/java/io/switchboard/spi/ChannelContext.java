package io.switchboard.spi;

import io.switchboard.ChannelType;
import io.switchboard.Secret;
import io.switchboard.TenantId;
import io.switchboard.connection.ChannelConnection;
import io.switchboard.graph.GraphClient;
import java.time.Clock;
import java.util.Optional;

/**
 * What Switchboard gives a {@link ChannelAdapter} when it is registered: the shared Graph client,
 * the clock, and access to tenants' connections and decrypted tokens for channel-specific
 * operations (media, templates). Thread-safe.
 */
public interface ChannelContext {

  /**
   * The Graph API client configured for this Switchboard (base URL, version, HTTP client).
   *
   * @return the client
   */
  GraphClient graph();

  /**
   * The clock to use for every time decision.
   *
   * @return the clock
   */
  Clock clock();

  /**
   * Finds the usable connection a tenant has on a channel: the named account, or the only one if
   * {@code accountId} is empty.
   *
   * @param tenant the tenant
   * @param channel the channel
   * @param accountId the account, or empty to use the tenant's only account on the channel
   * @return the connection
   * @throws io.switchboard.ConnectionNotFoundException if there is none, or it needs
   *     re-authorisation
   * @throws io.switchboard.ValidationException if the account is empty and the tenant has several
   */
  ChannelConnection connection(TenantId tenant, ChannelType channel, Optional<String> accountId);

  /**
   * Decrypts a connection's access token. Use it for one call and do not keep it.
   *
   * @param connection the connection
   * @return the token
   * @throws io.switchboard.ConnectionNotFoundException if no token is stored
   */
  Secret accessToken(ChannelConnection connection);

  /**
   * Tells Switchboard that the channel rejected a connection's token, so the connection is marked
   * {@link io.switchboard.connection.ConnectionStatus#NEEDS_REAUTH}.
   *
   * @param connection the connection
   */
  void reportAuthFailure(ChannelConnection connection);
}
