package io.switchboard.testkit.contract;

import io.switchboard.spi.TokenStore;
import io.switchboard.store.memory.InMemoryTokenStore;

/** Core's in-memory token store passes the same contract as every durable store. */
class InMemoryTokenStoreContractTest extends TokenStoreContract {

  @Override
  protected TokenStore newStore() {
    return new InMemoryTokenStore();
  }
}
