package io.switchboard.store.memory;

import io.switchboard.spi.CampaignRecord;
import io.switchboard.spi.CampaignStore;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

/** A {@link CampaignStore} in memory: for tests and single-process hosts. Thread-safe. */
public final class InMemoryCampaignStore implements CampaignStore {

  private final ConcurrentHashMap<String, CampaignRecord> campaigns = new ConcurrentHashMap<>();

  /** Creates an empty store. */
  public InMemoryCampaignStore() {}

  @Override
  public void create(CampaignRecord campaign) {
    if (campaigns.putIfAbsent(campaign.id(), campaign) != null) {
      throw new IllegalArgumentException("campaign " + campaign.id() + " already exists");
    }
  }

  @Override
  public Optional<CampaignRecord> find(String id) {
    return Optional.ofNullable(campaigns.get(id));
  }

  @Override
  public boolean markCancelled(String id, Instant at) {
    AtomicBoolean changed = new AtomicBoolean();
    campaigns.computeIfPresent(id, (k, c) -> {
      if (c.cancelledAt().isPresent()) {
        return c;
      }
      changed.set(true);
      return new CampaignRecord(c.id(), c.tenant(), c.channel(), c.accountId(), c.name(), c.recipients(), c.refused(),
          c.createdAt(), Optional.of(at));
    });
    return changed.get();
  }
}
