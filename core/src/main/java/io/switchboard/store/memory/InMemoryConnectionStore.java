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
      return connection;
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
    for (ChannelConnection c : byAccount.values()) {
      if (c.channel() == channel && value.equals(c.attributes().get(name))) {
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
    for (ChannelConnection c : byAccount.values()) {
      if (c.tenant().equals(tenant)) {
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
