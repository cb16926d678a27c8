package io.switchboard.testkit.contract;

import io.switchboard.spi.CampaignStore;
import io.switchboard.store.memory.InMemoryCampaignStore;

/** Core's in-memory campaign store passes the same contract as every durable store. */
class InMemoryCampaignStoreContractTest extends CampaignStoreContract {

  @Override
  protected CampaignStore newStore() {
    return new InMemoryCampaignStore();
  }
}
