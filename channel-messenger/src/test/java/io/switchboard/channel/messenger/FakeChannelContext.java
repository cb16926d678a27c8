package io.switchboard.channel.messenger;

import io.switchboard.ChannelType;
import io.switchboard.ConnectionNotFoundException;
import io.switchboard.Secret;
import io.switchboard.TenantId;
import io.switchboard.ValidationException;
import io.switchboard.connection.ChannelConnection;
import io.switchboard.connection.ConnectionKey;
import io.switchboard.connection.ConnectionStatus;
import io.switchboard.graph.GraphClient;
import io.switchboard.spi.ChannelContext;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;

/** A hand-written {@link ChannelContext}: fixed Pages, one token per Page, a clock tests advance. */
final class FakeChannelContext implements ChannelContext {

  static final Instant START = Instant.parse("2026-09-15T10:00:00Z");

  private final GraphClient graph;
  private final List<ChannelConnection> connections = new CopyOnWriteArrayList<>();
  final List<ChannelConnection> authFailures = new CopyOnWriteArrayList<>();
  final MutableClock clock = new MutableClock(START);

  FakeChannelContext(GraphClient graph) {
    this.graph = graph;
  }

  /** Adds a connected Page. */
  ChannelConnection addPage(TenantId tenant, String pageId) {
    ChannelConnection c = new ChannelConnection(
        new ConnectionKey(tenant, ChannelType.MESSENGER, pageId), ConnectionStatus.CONNECTED, Map.of(), START, START);
    connections.add(c);
    return c;
  }

  static Secret tokenFor(String pageId) {
    return Secret.of("EAAG-page-token-" + pageId);
  }

  @Override
  public GraphClient graph() {
    return graph;
  }

  @Override
  public Clock clock() {
    return clock;
  }

  @Override
  public ChannelConnection connection(TenantId tenant, ChannelType channel, Optional<String> accountId) {
    List<ChannelConnection> matching = connections.stream()
        .filter(c -> c.tenant().equals(tenant) && c.channel() == channel)
        .filter(c -> accountId.isEmpty() || c.accountId().equals(accountId.get()))
        .toList();
    if (matching.isEmpty()) {
      throw new ConnectionNotFoundException("no " + channel + " connection for " + tenant + " " + accountId);
    }
    if (matching.size() > 1) {
      throw ValidationException.of("accountId", "tenant has several " + channel + " connections; name one");
    }
    return matching.get(0);
  }

  @Override
  public Secret accessToken(ChannelConnection connection) {
    return tokenFor(connection.accountId());
  }

  @Override
  public void reportAuthFailure(ChannelConnection connection) {
    authFailures.add(connection);
  }

  /** A clock that stands still until a test moves it. */
  static final class MutableClock extends Clock {
    private final AtomicReference<Instant> now;

    MutableClock(Instant start) {
      this.now = new AtomicReference<>(start);
    }

    void advance(Duration by) {
      now.updateAndGet(t -> t.plus(by));
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now.get();
    }
  }
}
