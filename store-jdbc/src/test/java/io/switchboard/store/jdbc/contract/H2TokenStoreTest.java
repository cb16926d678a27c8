package io.switchboard.store.jdbc.contract;

import io.switchboard.spi.TokenStore;
import io.switchboard.store.jdbc.TestDatabases;
import io.switchboard.store.jdbc.TestDatabases.Db;
import io.switchboard.testkit.contract.TokenStoreContract;

class H2TokenStoreTest extends TokenStoreContract {

  @Override
  protected TokenStore newStore() {
    return TestDatabases.emptyStores(Db.H2, "ct_tok_").tokenStore();
  }
}
