package io.switchboard.channel.whatsapp;

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
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/** A hand-written {@link ChannelContext}: fixed connections, one token per account, recorded auth failures. */
final class FakeChannelContext implements ChannelContext {

  static final Instant NOW = Instant.parse("2026-09-15T10:00:00Z");

  private final GraphClient graph;
  private final List<ChannelConnection> connections = new ArrayList<>();
  final List<ChannelConnection> authFailures = new CopyOnWriteArrayList<>();

  FakeChannelContext(GraphClient graph) {
    this.graph = graph;
  }

  /** Adds a connected WhatsApp number. */
  ChannelConnection addWhatsApp(TenantId tenant, String phoneNumberId, Map<String, String> attributes) {
    ChannelConnection c = new ChannelConnection(
        new ConnectionKey(tenant, ChannelType.WHATSAPP, phoneNumberId), ConnectionStatus.CONNECTED, attributes, NOW, NOW);
    connections.add(c);
    return c;
  }

  static Secret tokenFor(String accountId) {
    return Secret.of("EAAG-token-" + accountId);
  }

  @Override
  public GraphClient graph() {
    return graph;
  }

  @Override
  public Clock clock() {
    return Clock.fixed(NOW, ZoneOffset.UTC);
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
}
