package io.switchboard.channel.instagram;

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
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A hand-written {@link ChannelContext}: fixed connections with one token each, a clock tests can
 * move forward, and a record of reported auth failures.
 */
final class FakeChannelContext implements ChannelContext {

  static final Instant START = Instant.parse("2026-09-15T10:00:00Z");

  private final GraphClient graph;
  private final List<ChannelConnection> connections = new CopyOnWriteArrayList<>();
  private final Map<ChannelConnection, Secret> tokens = new ConcurrentHashMap<>();
  private final MovableClock clock = new MovableClock(START);
  final List<ChannelConnection> authFailures = new CopyOnWriteArrayList<>();

  FakeChannelContext(GraphClient graph) {
    this.graph = graph;
  }

  ChannelConnection add(TenantId tenant, String igAccountId, Map<String, String> attributes, String token) {
    ChannelConnection c = new ChannelConnection(
        new ConnectionKey(tenant, ChannelType.INSTAGRAM, igAccountId), ConnectionStatus.CONNECTED, attributes, START, START);
    connections.add(c);
    tokens.put(c, Secret.of(token));
    return c;
  }

  void advance(Duration d) {
    clock.now = clock.now.plus(d);
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
    return tokens.get(connection);
  }

  @Override
  public void reportAuthFailure(ChannelConnection connection) {
    authFailures.add(connection);
  }

  /** A clock that stands still until a test moves it. */
  private static final class MovableClock extends Clock {
    private volatile Instant now;

    MovableClock(Instant now) {
      this.now = now;
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
      return now;
    }
  }
}
