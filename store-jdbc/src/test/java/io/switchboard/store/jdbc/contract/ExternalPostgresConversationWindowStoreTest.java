package io.switchboard.store.jdbc.contract;

import io.switchboard.spi.ConversationWindowStore;
import io.switchboard.store.jdbc.TestDatabases;
import io.switchboard.store.jdbc.TestDatabases.Db;
import io.switchboard.testkit.contract.ConversationWindowStoreContract;

class ExternalPostgresConversationWindowStoreTest extends ConversationWindowStoreContract {

  @Override
  protected ConversationWindowStore newStore() {
    return TestDatabases.emptyStores(Db.EXTERNAL_POSTGRES, "ct_win_").windowStore();
  }
}
