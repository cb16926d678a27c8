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
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.switchboard.SwitchboardListener;
import io.switchboard.spi.ConnectionStore;
import io.switchboard.spi.InboxStore;
import io.switchboard.spi.OutboxStore;
import java.time.Duration;
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
  private final OutboxStore outbox;
  private final SwitchboardListener listener;
  private final Clock clock;
  private final Cache<ConnectionKey, Optional<ChannelConnection>> recent;

  /**
   * Creates the service.
   *
   * @param store connections
   * @param tokens encrypted tokens
   * @param inbox for handing over unroutable events
   * @param resolverCache the default resolver's cache, or null if the host supplied a resolver
   * @param outbox for releasing held messages when an account is connected again
   * @param listener told about status changes
   * @param clock the clock
   */
  public DefaultConnections(
      ConnectionStore store,
      TokenService tokens,
      InboxStore inbox,
      ConnectionTenantResolver resolverCache,
      OutboxStore outbox,
      SwitchboardListener listener,
      Clock clock) {
    this.store = store;
    this.tokens = tokens;
    this.inbox = inbox;
    this.resolverCache = resolverCache;
    this.outbox = outbox;
    this.listener = listener;
    this.clock = clock;
    // dispatch looks a connection up per message: remember lookups briefly (other instances'
    // changes are seen within the expiry; this instance's at once)
    this.recent = Caffeine.newBuilder()
        .ticker(() -> clock.millis() * 1_000_000L)
        .expireAfterWrite(Duration.ofSeconds(2))
        .maximumSize(100_000)
        .build();
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
    recent.invalidate(key);
    boolean wasHeld = owner.filter(c -> c.status() != ConnectionStatus.CONNECTED).isPresent();
    if (wasHeld) {
      int released = outbox.deferAccount(key.channel(), key.accountId(), now, now);
      log.info("{} is connected again; {} held messages released", key, released);
    }
    int handedOver = inbox.assignUnroutable(key.channel(), key.accountId(), key.tenant());
    String waba = request.attributes().get(ChannelConnection.WABA_ID);
    if (waba != null) {
      invalidate(key.channel(), waba);
      handedOver += inbox.assignUnroutable(key.channel(), waba, key.tenant());
    }
    log.info("connected {}{}", key, handedOver > 0 ? " (" + handedOver + " earlier events handed over)" : "");
    if (wasHeld) {
      notifyListener(connection);
    }
    return connection;
  }

  @Override
  public boolean disconnect(ConnectionKey key) {
    Optional<ChannelConnection> existing = store.find(key);
    boolean removed = store.delete(key);
    tokens.delete(key);
    recent.invalidate(key);
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
    ChannelConnection connection = resolve(tenant, channel, accountId);
    if (connection.status() != ConnectionStatus.CONNECTED) {
      throw new ConnectionNotFoundException(connection.key() + " is " + connection.status()
          + "; the tenant must connect it again");
    }
    return connection;
  }

  /**
   * Finds a tenant's connection on a channel whatever its status.
   *
   * @param tenant the tenant
   * @param channel the channel
   * @param accountId the account, or empty for the tenant's only one
   * @return the connection
   */
  public ChannelConnection resolve(TenantId tenant, ChannelType channel, Optional<String> accountId) {
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
    return connection;
  }

  /**
   * A connection by key, remembered for a moment (the dispatch path asks once per message).
   *
   * @param key the connection
   * @return it, if it exists
   */
  public Optional<ChannelConnection> findRecent(ConnectionKey key) {
    return recent.get(key, store::find);
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
        ChannelConnection changed = current.withStatus(ConnectionStatus.NEEDS_REAUTH, clock.instant());
        store.save(changed);
        recent.invalidate(connection.key());
        log.warn("{} was rejected by {} (invalid or expired token); marked NEEDS_REAUTH", connection.key(), connection.channel());
        notifyListener(changed);
      }
    });
  }

  private void notifyListener(ChannelConnection connection) {
    try {
      listener.onConnectionStatus(connection);
    } catch (RuntimeException e) {
      log.warn("SwitchboardListener.onConnectionStatus threw; ignored", e);
    }
  }

  private void invalidate(ChannelType channel, String accountId) {
    if (resolverCache != null) {
      resolverCache.invalidate(channel, accountId);
    }
  }
}
