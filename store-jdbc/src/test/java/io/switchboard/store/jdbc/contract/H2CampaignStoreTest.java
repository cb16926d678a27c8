package io.switchboard.store.jdbc.contract;

import io.switchboard.spi.CampaignStore;
import io.switchboard.store.jdbc.TestDatabases;
import io.switchboard.store.jdbc.TestDatabases.Db;
import io.switchboard.testkit.contract.CampaignStoreContract;

class H2CampaignStoreTest extends CampaignStoreContract {

  @Override
  protected CampaignStore newStore() {
    return TestDatabases.emptyStores(Db.H2, "ct_camp_").campaignStore();
  }
}
