package io.switchboard.store.jdbc.contract;

import io.switchboard.spi.OutboxStore;
import io.switchboard.store.jdbc.TestDatabases;
import io.switchboard.store.jdbc.TestDatabases.Db;
import io.switchboard.testkit.contract.OutboxStoreContract;

class H2OutboxStoreTest extends OutboxStoreContract {

  @Override
  protected OutboxStore newStore() {
    return TestDatabases.emptyStores(Db.H2, "ct_out_").outboxStore();
  }
}
