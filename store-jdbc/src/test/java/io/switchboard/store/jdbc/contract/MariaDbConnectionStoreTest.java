package io.switchboard.store.jdbc.contract;

import io.switchboard.spi.ConnectionStore;
import io.switchboard.store.jdbc.TestDatabases;
import io.switchboard.store.jdbc.TestDatabases.Db;
import io.switchboard.testkit.contract.ConnectionStoreContract;

class MariaDbConnectionStoreTest extends ConnectionStoreContract {

  @Override
  protected ConnectionStore newStore() {
    return TestDatabases.emptyStores(Db.MARIADB, "ct_con_").connectionStore();
  }
}
