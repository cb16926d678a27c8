package io.switchboard.store.jdbc.contract;

import io.switchboard.spi.InboxStore;
import io.switchboard.store.jdbc.TestDatabases;
import io.switchboard.store.jdbc.TestDatabases.Db;
import io.switchboard.testkit.contract.InboxStoreContract;

class H2InboxStoreTest extends InboxStoreContract {

  @Override
  protected InboxStore newStore() {
    return TestDatabases.emptyStores(Db.H2, "ct_inb_").inboxStore();
  }
}
