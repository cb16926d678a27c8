package io.switchboard.testkit.contract;

import io.switchboard.spi.ConnectionStore;
import io.switchboard.store.memory.InMemoryConnectionStore;

/** Core's in-memory connection store passes the same contract as every durable store. */
class InMemoryConnectionStoreContractTest extends ConnectionStoreContract {

  @Override
  protected ConnectionStore newStore() {
    return new InMemoryConnectionStore();
  }
}
