package io.switchboard.internal;

import io.switchboard.ChannelType;
import io.switchboard.ConnectionConflictException;
import io.switchboard.ConnectionNotFoundException;
import io.switchboard.Secret;
import io.switchboard.TenantId;
import io.switchboard.ValidationException;
import io.switchboard.connection.ChannelConnection;
import io.switchboard.connection.ConnectRequest;
import io.switchboard.connection.ConnectionKey;
import io.switchboard.connection.ConnectionStatus;
import io.switchboard.connection.Connections;
import io.switchboard.spi.ConnectionStore;
import io.switchboard.spi.InboxStore;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Connections backed by the connection store, the token service and the resolver cache. */
public final class DefaultConnections implements Connections {

  private static final Logger log = LoggerFactory.getLogger(DefaultConnections.class);

  private final ConnectionStore store;
  private final TokenService tokens;
  private final InboxStore inbox;
  private final ConnectionTenantResolver resolverCache;
  private final Clock clock;

  /**
   * Creates the service.
   *
   * @param store connections
   * @param tokens encrypted tokens
   * @param inbox for handing over unroutable events
   * @param resolverCache the default resolver's cache, or null if the host supplied a resolver
   * @param clock the clock
   */
  public DefaultConnections(
      ConnectionStore store, TokenService tokens, InboxStore inbox, ConnectionTenantResolver resolverCache, Clock clock) {
    this.store = store;
    this.tokens = tokens;
    this.inbox = inbox;
    this.resolverCache = resolverCache;
    this.clock = clock;
  }

  @Override
  public ChannelConnection connect(ConnectRequest request) {
    ConnectionKey key = request.key();
    Optional<ChannelConnection> owner = store.findByAccount(key.channel(), key.accountId());
    if (owner.isPresent() && !owner.get().tenant().equals(key.tenant())) {
      throw new ConnectionConflictException(
          key.channel() + " account " + key.accountId() + " is already connected to another tenant");
    }
    Instant now = clock.instant();
    Instant connectedAt = owner.map(ChannelConnection::connectedAt).orElse(now);
    ChannelConnection connection =
        new ChannelConnection(key, ConnectionStatus.CONNECTED, request.attributes(), connectedAt, now);
    tokens.save(key, request.accessToken(), request.tokenExpiresAt());
    try {
      store.save(connection);
    } catch (ConnectionConflictException e) {
      tokens.delete(key); // lost a race with another tenant: leave no orphaned token behind
      throw e;
    }
    invalidate(key.channel(), key.accountId());
    int handedOver = inbox.assignUnroutable(key.channel(), key.accountId(), key.tenant());
    String waba = request.attributes().get(ChannelConnection.WABA_ID);
    if (waba != null) {
      invalidate(key.channel(), waba);
      handedOver += inbox.assignUnroutable(key.channel(), waba, key.tenant());
    }
    log.info("connected {}{}", key, handedOver > 0 ? " (" + handedOver + " earlier events handed over)" : "");
    return connection;
  }

  @Override
  public boolean disconnect(ConnectionKey key) {
    Optional<ChannelConnection> existing = store.find(key);
    boolean removed = store.delete(key);
    tokens.delete(key);
    invalidate(key.channel(), key.accountId());
    existing.flatMap(c -> c.attribute(ChannelConnection.WABA_ID)).ifPresent(w -> invalidate(key.channel(), w));
    if (removed) {
      log.info("disconnected {}", key);
    }
    return removed;
  }

  @Override
  public Optional<ChannelConnection> find(ConnectionKey key) {
    return store.find(key);
  }

  @Override
  public List<ChannelConnection> list(TenantId tenant) {
    return store.list(tenant);
  }

  /**
   * Finds the usable connection for a send or a channel operation.
   *
   * @param tenant the tenant
   * @param channel the channel
   * @param accountId the account, or empty for the tenant's only one
   * @return the connection
   */
  public ChannelConnection usable(TenantId tenant, ChannelType channel, Optional<String> accountId) {
    ChannelConnection connection;
    if (accountId.isPresent()) {
      connection = store.find(new ConnectionKey(tenant, channel, accountId.get()))
          .orElseThrow(() -> new ConnectionNotFoundException(
              "tenant " + tenant + " has no " + channel + " connection for account " + accountId.get()));
    } else {
      List<ChannelConnection> all = list(tenant, channel);
      if (all.isEmpty()) {
        throw new ConnectionNotFoundException("tenant " + tenant + " has no " + channel + " connection");
      }
      if (all.size() > 1) {
        throw ValidationException.of("from", "tenant " + tenant + " has " + all.size() + " " + channel
            + " accounts; name the sending account");
      }
      connection = all.get(0);
    }
    if (connection.status() != ConnectionStatus.CONNECTED) {
      throw new ConnectionNotFoundException(connection.key() + " is " + connection.status()
          + "; the tenant must connect it again");
    }
    return connection;
  }

  /**
   * Decrypts a connection's token.
   *
   * @param connection the connection
   * @return the token
   */
  public Secret token(ChannelConnection connection) {
    return tokens.decrypt(connection.key());
  }

  /**
   * Marks a connection as needing re-authorisation.
   *
   * @param connection the connection whose token was rejected
   */
  public void markNeedsReauth(ChannelConnection connection) {
    store.find(connection.key()).ifPresent(current -> {
      if (current.status() != ConnectionStatus.NEEDS_REAUTH) {
        store.save(current.withStatus(ConnectionStatus.NEEDS_REAUTH, clock.instant()));
        log.warn("{} was rejected by {} (invalid or expired token); marked NEEDS_REAUTH", connection.key(), connection.channel());
      }
    });
  }

  private void invalidate(ChannelType channel, String accountId) {
    if (resolverCache != null) {
      resolverCache.invalidate(channel, accountId);
    }
  }
}
