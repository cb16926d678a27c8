package io.switchboard.store.jdbc.contract;

import io.switchboard.spi.InboxStore;
import io.switchboard.store.jdbc.TestDatabases;
import io.switchboard.store.jdbc.TestDatabases.Db;
import io.switchboard.testkit.contract.InboxStoreContract;

class MariaDbInboxStoreTest extends InboxStoreContract {

  @Override
  protected InboxStore newStore() {
    return TestDatabases.emptyStores(Db.MARIADB, "ct_inb_").inboxStore();
  }
}
