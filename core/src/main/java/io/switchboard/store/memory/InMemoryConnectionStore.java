package io.switchboard.store.memory;

import io.switchboard.ChannelType;
import io.switchboard.ConnectionConflictException;
import io.switchboard.TenantId;
import io.switchboard.connection.ChannelConnection;
import io.switchboard.connection.ConnectionKey;
import io.switchboard.spi.ConnectionStore;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * A {@link ConnectionStore} in a concurrent map keyed by channel account, which is what makes
 * "one account, at most one tenant" atomic: a save for an account another tenant owns throws
 * {@link ConnectionConflictException}, whatever the interleaving.
 *
 * <p>For tests and single-process hosts only: everything is lost when the process stops.
 * {@link #list} and {@link #findByAttribute} scan all connections, which is fine for the numbers
 * one process holds. Thread-safe, never blocks.
 */
public final class InMemoryConnectionStore implements ConnectionStore {

  private final ConcurrentMap<Account, ChannelConnection> byAccount = new ConcurrentHashMap<>();
  /** Indexes, maintained inside the {@code byAccount} updates, so lookups never scan every connection. */
  private final ConcurrentMap<TenantId, java.util.Set<Account>> byTenant = new ConcurrentHashMap<>();

  private record Attribute(ChannelType channel, String name, String value) {}

  private final ConcurrentMap<Attribute, java.util.Set<Account>> byAttribute = new ConcurrentHashMap<>();

  /** Creates an empty store. */
  public InMemoryConnectionStore() {}

  @Override
  public void save(ChannelConnection connection) {
    Objects.requireNonNull(connection, "connection");
    byAccount.compute(Account.of(connection.key()), (account, existing) -> {
      if (existing != null && !existing.tenant().equals(connection.tenant())) {
        throw new ConnectionConflictException(account.channel + " account " + account.accountId
            + " is already connected to another tenant; disconnect it there first");
      }
      if (existing != null) {
        unindex(account, existing);
      }
      index(account, connection);
      return connection;
    });
  }

  private void index(Account account, ChannelConnection c) {
    byTenant.computeIfAbsent(c.tenant(), t -> ConcurrentHashMap.newKeySet()).add(account);
    c.attributes().forEach((name, value) ->
        byAttribute.computeIfAbsent(new Attribute(c.channel(), name, value), k -> ConcurrentHashMap.newKeySet()).add(account));
  }

  private void unindex(Account account, ChannelConnection c) {
    java.util.Set<Account> ofTenant = byTenant.get(c.tenant());
    if (ofTenant != null) {
      ofTenant.remove(account);
    }
    c.attributes().forEach((name, value) -> {
      java.util.Set<Account> set = byAttribute.get(new Attribute(c.channel(), name, value));
      if (set != null) {
        set.remove(account);
      }
    });
  }

  @Override
  public Optional<ChannelConnection> find(ConnectionKey key) {
    Objects.requireNonNull(key, "key");
    ChannelConnection c = byAccount.get(Account.of(key));
    return c != null && c.tenant().equals(key.tenant()) ? Optional.of(c) : Optional.empty();
  }

  @Override
  public Optional<ChannelConnection> findByAccount(ChannelType channel, String accountId) {
    Objects.requireNonNull(channel, "channel");
    Objects.requireNonNull(accountId, "accountId");
    return Optional.ofNullable(byAccount.get(new Account(channel, accountId)));
  }

  @Override
  public List<ChannelConnection> findByAttribute(ChannelType channel, String name, String value) {
    Objects.requireNonNull(channel, "channel");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(value, "value");
    List<ChannelConnection> out = new ArrayList<>();
    for (Account account : byAttribute.getOrDefault(new Attribute(channel, name, value), java.util.Set.of())) {
      ChannelConnection c = byAccount.get(account);
      if (c != null && value.equals(c.attributes().get(name))) {
        out.add(c);
      }
    }
    out.sort(Comparator.comparing(c -> c.key().toString()));
    return List.copyOf(out);
  }

  @Override
  public List<ChannelConnection> list(TenantId tenant) {
    Objects.requireNonNull(tenant, "tenant");
    List<ChannelConnection> out = new ArrayList<>();
    for (Account account : byTenant.getOrDefault(tenant, java.util.Set.of())) {
      ChannelConnection c = byAccount.get(account);
      if (c != null && c.tenant().equals(tenant)) {
        out.add(c);
      }
    }
    return List.copyOf(out);
  }

  @Override
  public boolean delete(ConnectionKey key) {
    Objects.requireNonNull(key, "key");
    boolean[] deleted = {false};
    byAccount.computeIfPresent(Account.of(key), (account, existing) -> {
      if (existing.tenant().equals(key.tenant())) {
        deleted[0] = true;
        unindex(account, existing);
        return null;
      }
      return existing;
    });
    return deleted[0];
  }

  /** Shows the number of connections only. */
  @Override
  public String toString() {
    return "InMemoryConnectionStore[connections=" + byAccount.size() + "]";
  }

  private record Account(ChannelType channel, String accountId) {
    static Account of(ConnectionKey key) {
      return new Account(key.channel(), key.accountId());
    }
  }
}
