package io.switchboard.testkit.contract;

import io.switchboard.spi.OutboxStore;
import io.switchboard.store.memory.InMemoryOutboxStore;

/** Core's in-memory outbox store passes the same contract as every durable store. */
class InMemoryOutboxStoreContractTest extends OutboxStoreContract {

  @Override
  protected OutboxStore newStore() {
    return new InMemoryOutboxStore();
  }
}
