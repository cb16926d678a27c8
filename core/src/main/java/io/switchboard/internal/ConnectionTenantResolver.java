package io.switchboard.internal;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.switchboard.ChannelType;
import io.switchboard.TenantId;
import io.switchboard.connection.ChannelConnection;
import io.switchboard.spi.ConnectionStore;
import io.switchboard.spi.TenantResolver;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The default {@link TenantResolver}: looks the account up in the {@link ConnectionStore} (by
 * account id, then by the {@code waba_id} attribute for WhatsApp account-level webhooks) through a
 * Caffeine cache. Entries expire so that connections made by other instances sharing the database
 * are seen within the expiry; local connects and disconnects invalidate at once.
 */
public final class ConnectionTenantResolver implements TenantResolver {

  private record Key(ChannelType channel, String accountId) {}

  private final ConnectionStore store;
  private final Cache<Key, Optional<TenantId>> cache;

  /**
   * Creates the resolver.
   *
   * @param store the connection store
   * @param clock drives cache expiry (so tests control it)
   * @param ttl how long a lookup is remembered
   * @param maxEntries cache size bound
   */
  public ConnectionTenantResolver(ConnectionStore store, Clock clock, Duration ttl, long maxEntries) {
    this.store = store;
    this.cache = Caffeine.newBuilder()
        .ticker(() -> clock.millis() * 1_000_000L)
        .expireAfterWrite(ttl)
        .maximumSize(maxEntries)
        .build();
  }

  @Override
  public Optional<TenantId> resolve(ChannelType channel, String accountId) {
    return cache.get(new Key(channel, accountId), k -> lookup(k.channel(), k.accountId()));
  }

  /**
   * Resolves without the cache.
   *
   * @param channel the channel
   * @param accountId the account
   * @return the owner, if any
   */
  public Optional<TenantId> lookup(ChannelType channel, String accountId) {
    Optional<ChannelConnection> direct = store.findByAccount(channel, accountId);
    if (direct.isPresent()) {
      return Optional.of(direct.get().tenant());
    }
    if (channel == ChannelType.WHATSAPP) {
      List<ChannelConnection> byWaba = store.findByAttribute(channel, ChannelConnection.WABA_ID, accountId);
      Set<TenantId> owners = byWaba.stream().map(ChannelConnection::tenant).collect(Collectors.toSet());
      if (owners.size() == 1) {
        return Optional.of(owners.iterator().next());
      }
    }
    return Optional.empty();
  }

  /**
   * Forgets a cached lookup.
   *
   * @param channel the channel
   * @param accountId the account
   */
  public void invalidate(ChannelType channel, String accountId) {
    cache.invalidate(new Key(channel, accountId));
  }
}
