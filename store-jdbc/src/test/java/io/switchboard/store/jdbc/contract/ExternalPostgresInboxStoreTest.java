package io.switchboard.store.jdbc.contract;

import io.switchboard.spi.InboxStore;
import io.switchboard.store.jdbc.TestDatabases;
import io.switchboard.store.jdbc.TestDatabases.Db;
import io.switchboard.testkit.contract.InboxStoreContract;

class ExternalPostgresInboxStoreTest extends InboxStoreContract {

  @Override
  protected InboxStore newStore() {
    return TestDatabases.emptyStores(Db.EXTERNAL_POSTGRES, "ct_inb_").inboxStore();
  }
}
