package io.switchboard.webhook;

import io.switchboard.ChannelType;
import io.switchboard.TenantId;
import io.switchboard.spi.AppendResult;
import io.switchboard.spi.InboxEntry;
import io.switchboard.spi.InboxEvent;
import io.switchboard.spi.InboxStore;
import io.switchboard.spi.MalformedWebhook;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Forwards to another inbox; tests override single methods to inject failures. */
class DelegatingInbox implements InboxStore {
  private final InboxStore d;

  DelegatingInbox(InboxStore delegate) {
    this.d = delegate;
  }

  @Override
  public AppendResult append(List<InboxEvent> events) {
    return d.append(events);
  }

  @Override
  public List<InboxEntry> claimDue(Instant now, int limit, Duration lease, String owner) {
    return d.claimDue(now, limit, lease, owner);
  }

  @Override
  public void markDelivered(String id, Instant at) {
    d.markDelivered(id, at);
  }

  @Override
  public void reschedule(String id, int attempts, Instant nextAttemptAt, String error) {
    d.reschedule(id, attempts, nextAttemptAt, error);
  }

  @Override
  public int assignUnroutable(ChannelType channel, String accountId, TenantId tenant) {
    return d.assignUnroutable(channel, accountId, tenant);
  }

  @Override
  public List<InboxEntry> unroutable(int limit) {
    return d.unroutable(limit);
  }

  @Override
  public Optional<InboxEntry> find(ChannelType channel, String externalId) {
    return d.find(channel, externalId);
  }

  @Override
  public int purgeDelivered(Instant deliveredBefore) {
    return d.purgeDelivered(deliveredBefore);
  }

  @Override
  public void recordMalformed(MalformedWebhook webhook) {
    d.recordMalformed(webhook);
  }

  @Override
  public List<MalformedWebhook> malformed(int limit) {
    return d.malformed(limit);
  }
}
