package io.switchboard.testkit.contract;

import io.switchboard.spi.ConversationWindowStore;
import io.switchboard.store.memory.InMemoryConversationWindowStore;

/** Core's in-memory conversation window store passes the same contract as every durable store. */
class InMemoryConversationWindowStoreContractTest extends ConversationWindowStoreContract {

  @Override
  protected ConversationWindowStore newStore() {
    return new InMemoryConversationWindowStore();
  }
}
