package io.switchboard.testkit.contract;

import static io.switchboard.testkit.contract.ContractSupport.UNICODE;
import static io.switchboard.testkit.contract.ContractSupport.at;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.switchboard.ChannelType;
import io.switchboard.TenantId;
import io.switchboard.spi.CampaignRecord;
import io.switchboard.spi.CampaignStore;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The {@link CampaignStore} contract: campaigns are stored as given, ids are unique, and a campaign
 * is cancelled at most once. Extend it and return a fresh, empty store from {@link #newStore()}:
 *
 * <pre>{@code
 * class MyCampaignStoreTest extends CampaignStoreContract {
 *   @Override
 *   protected CampaignStore newStore() {
 *     return new MyCampaignStore(freshDatabase());
 *   }
 * }
 * }</pre>
 */
public abstract class CampaignStoreContract {

  /** The store under test; a new one for each test. */
  protected CampaignStore store;

  /**
   * Creates the store under test. Called before every test.
   *
   * @return a fresh store holding no campaigns
   */
  protected abstract CampaignStore newStore();

  @BeforeEach
  void createStore() {
    store = newStore();
  }

  private static CampaignRecord campaign(String name) {
    return new CampaignRecord(UUID.randomUUID().toString(), TenantId.of("acme"), ChannelType.WHATSAPP, "1065000001", name,
        1200, 37, at(0), Optional.empty());
  }

  @Test
  void create_thenFind_returnsItAsGiven() {
    CampaignRecord c = campaign("Spring sale " + UNICODE);

    store.create(c);

    assertThat(store.find(c.id())).contains(c);
  }

  @Test
  void find_unknown_isEmpty() {
    assertThat(store.find(UUID.randomUUID().toString())).isEmpty();
  }

  @Test
  void create_alreadyCancelledCampaign_keepsItsCancelTime() {
    CampaignRecord c = new CampaignRecord(UUID.randomUUID().toString(), TenantId.of("globex"), ChannelType.MESSENGER,
        "104729301", "", 0, 0, at(1), Optional.of(at(2)));

    store.create(c);

    assertThat(store.find(c.id())).contains(c);
    assertThat(store.markCancelled(c.id(), at(3))).isFalse();
  }

  @Test
  void create_duplicateId_isRejectedAndKeepsTheFirst() {
    CampaignRecord first = campaign("first");
    store.create(first);
    CampaignRecord again = new CampaignRecord(first.id(), TenantId.of("globex"), ChannelType.INSTAGRAM, "17841400000",
        "second", 5, 0, at(9), Optional.empty());

    assertThatThrownBy(() -> store.create(again)).isInstanceOf(RuntimeException.class);

    assertThat(store.find(first.id())).contains(first);
  }

  @Test
  void markCancelled_onlyTheFirstTimeCounts() {
    CampaignRecord c = campaign("promo");
    store.create(c);

    assertThat(store.markCancelled(c.id(), at(5))).isTrue();
    assertThat(store.find(c.id()).orElseThrow().cancelledAt()).contains(at(5));

    assertThat(store.markCancelled(c.id(), at(9))).isFalse();
    CampaignRecord stored = store.find(c.id()).orElseThrow();
    assertThat(stored.cancelledAt()).contains(at(5));
    assertThat(stored).isEqualTo(new CampaignRecord(c.id(), c.tenant(), c.channel(), c.accountId(), c.name(),
        c.recipients(), c.refused(), c.createdAt(), Optional.of(at(5))));
  }

  @Test
  void markCancelled_concurrently_exactlyOneWins() throws Exception {
    CampaignRecord c = campaign("race");
    store.create(c);

    var results = ContractSupport.runConcurrently(8, i -> () -> store.markCancelled(c.id(), at(10 + i)));

    assertThat(results.stream().filter(Boolean::booleanValue).count()).isEqualTo(1);
    int winner = results.indexOf(Boolean.TRUE);
    assertThat(store.find(c.id()).orElseThrow().cancelledAt()).contains(at(10 + winner));
  }

  @Test
  void markCancelled_unknown_isFalse() {
    assertThat(store.markCancelled(UUID.randomUUID().toString(), at(1))).isFalse();
    assertThat(store.find("nope")).isEmpty();
  }
}
