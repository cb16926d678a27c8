package io.switchboard.testkit.contract;

import io.switchboard.spi.InboxStore;
import io.switchboard.store.memory.InMemoryInboxStore;

/** Core's in-memory inbox store passes the same contract as every durable store. */
class InMemoryInboxStoreContractTest extends InboxStoreContract {

  @Override
  protected InboxStore newStore() {
    return new InMemoryInboxStore();
  }
}
