package io.switchboard.store.memory;

import io.switchboard.spi.Stores;

/**
 * A fresh set of in-memory stores: for tests, demos and single-process hosts that accept losing
 * everything (including acknowledged webhooks and queued messages) on restart.
 */
public final class InMemoryStores implements Stores {

  private final InMemoryTokenStore tokens = new InMemoryTokenStore();
  private final InMemoryConnectionStore connections = new InMemoryConnectionStore();
  private final InMemoryInboxStore inbox = new InMemoryInboxStore();
  private final InMemoryOutboxStore outbox = new InMemoryOutboxStore();
  private final InMemoryConversationWindowStore windows = new InMemoryConversationWindowStore();
  private final InMemoryCampaignStore campaigns = new InMemoryCampaignStore();

  /** Creates empty stores. */
  public InMemoryStores() {}

  @Override
  public InMemoryTokenStore tokenStore() {
    return tokens;
  }

  @Override
  public InMemoryConnectionStore connectionStore() {
    return connections;
  }

  @Override
  public InMemoryInboxStore inboxStore() {
    return inbox;
  }

  @Override
  public InMemoryOutboxStore outboxStore() {
    return outbox;
  }

  @Override
  public InMemoryConversationWindowStore windowStore() {
    return windows;
  }

  @Override
  public InMemoryCampaignStore campaignStore() {
    return campaigns;
  }
}
