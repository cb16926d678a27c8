package io.switchboard.testkit.contract;

import static io.switchboard.testkit.contract.ContractSupport.UNICODE;
import static io.switchboard.testkit.contract.ContractSupport.at;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.switchboard.ChannelType;
import io.switchboard.ConnectionConflictException;
import io.switchboard.TenantId;
import io.switchboard.connection.ChannelConnection;
import io.switchboard.connection.ConnectionKey;
import io.switchboard.connection.ConnectionStatus;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The {@link io.switchboard.spi.ConnectionStore} contract: CRUD, one owner per channel account
 * (enforced atomically, conflicts never naming the owner), routing lookups by account and by
 * attribute, attributes kept exactly. Extend it and return a fresh, empty store from
 * {@link #newStore()}:
 *
 * <pre>{@code
 * class MyConnectionStoreTest extends ConnectionStoreContract {
 *   @Override
 *   protected ConnectionStore newStore() {
 *     return new MyConnectionStore(freshDatabase());
 *   }
 * }
 * }</pre>
 */
public abstract class ConnectionStoreContract {

  private static final TenantId ACME = TenantId.of("acme");
  private static final TenantId GLOBEX = TenantId.of("globex-secret-name");
  private static final TenantId INITECH = TenantId.of("initech");

  /** The store under test; a new one for each test. */
  protected io.switchboard.spi.ConnectionStore store;

  /**
   * Creates the store under test. Called before every test.
   *
   * @return a fresh store holding no connections
   */
  protected abstract io.switchboard.spi.ConnectionStore newStore();

  @BeforeEach
  void createStore() {
    store = newStore();
  }

  private static ChannelConnection connection(TenantId tenant, ChannelType channel, String account, Map<String, String> attributes) {
    return new ChannelConnection(new ConnectionKey(tenant, channel, account), ConnectionStatus.CONNECTED, attributes, at(0), at(0));
  }

  private static ChannelConnection whatsapp(TenantId tenant, String phoneNumberId, String wabaId) {
    return connection(tenant, ChannelType.WHATSAPP, phoneNumberId,
        Map.of(ChannelConnection.WABA_ID, wabaId, ChannelConnection.DISPLAY_PHONE_NUMBER, "+1 555 0100"));
  }

  @Test
  void find_missing_returnsEmpty() {
    assertThat(store.find(new ConnectionKey(ACME, ChannelType.WHATSAPP, "1"))).isEmpty();
    assertThat(store.findByAccount(ChannelType.WHATSAPP, "1")).isEmpty();
    assertThat(store.findByAttribute(ChannelType.WHATSAPP, ChannelConnection.WABA_ID, "1")).isEmpty();
    assertThat(store.list(ACME)).isEmpty();
  }

  @Test
  void save_thenFind_returnsEqualConnection() {
    ChannelConnection c = whatsapp(ACME, "1065000001", "waba-1");
    store.save(c);
    assertThat(store.find(c.key())).contains(c);
  }

  @Test
  void save_attributesWithUnicodeAndEmptyValues_roundTripExactly() {
    Map<String, String> attributes = Map.of(
        "display_name", UNICODE,
        "empty", "",
        "spaces", "  padded  ",
        "Case", "Upper",
        "case", "lower",
        "long", "x".repeat(500));
    ChannelConnection c = connection(ACME, ChannelType.INSTAGRAM, "17841400000000001", attributes);
    store.save(c);
    ChannelConnection found = store.find(c.key()).orElseThrow();
    assertThat(found.attributes()).isEqualTo(attributes);
    assertThat(found).isEqualTo(c);
  }

  @Test
  void save_noAttributes_roundTripsEmptyMap() {
    ChannelConnection c = connection(ACME, ChannelType.MESSENGER, "page-1", Map.of());
    store.save(c);
    assertThat(store.find(c.key()).orElseThrow().attributes()).isEmpty();
  }

  @Test
  void save_sameTenantAgain_updatesStatusTimesAndReplacesAttributes() {
    ChannelConnection first = connection(ACME, ChannelType.WHATSAPP, "1065000001", Map.of("waba_id", "waba-1", "old", "gone"));
    store.save(first);
    ChannelConnection second = new ChannelConnection(first.key(), ConnectionStatus.NEEDS_REAUTH,
        Map.of("waba_id", "waba-2", "new", "here"), at(0), at(3600));
    store.save(second);

    assertThat(store.find(first.key())).contains(second);
    assertThat(store.findByAttribute(ChannelType.WHATSAPP, "waba_id", "waba-1")).isEmpty();
    assertThat(store.findByAttribute(ChannelType.WHATSAPP, "old", "gone")).isEmpty();
    assertThat(store.findByAttribute(ChannelType.WHATSAPP, "waba_id", "waba-2")).containsExactly(second);
    assertThat(store.list(ACME)).containsExactly(second);
  }

  @Test
  void save_accountOwnedByAnotherTenant_throwsConflictWithoutNamingOwner() {
    ChannelConnection owner = whatsapp(GLOBEX, "1065000001", "waba-g");
    store.save(owner);
    ChannelConnection intruder = whatsapp(ACME, "1065000001", "waba-a");

    assertThatThrownBy(() -> store.save(intruder))
        .isInstanceOf(ConnectionConflictException.class)
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain(GLOBEX.value()));

    assertThat(store.find(owner.key())).contains(owner);
    assertThat(store.find(intruder.key())).isEmpty();
    assertThat(store.findByAccount(ChannelType.WHATSAPP, "1065000001")).contains(owner);
    assertThat(store.findByAttribute(ChannelType.WHATSAPP, "waba_id", "waba-a")).isEmpty();
    assertThat(store.list(ACME)).isEmpty();
  }

  @Test
  void save_afterOwnerDeletes_anotherTenantMayConnect() {
    ChannelConnection owner = whatsapp(GLOBEX, "1065000001", "waba-g");
    store.save(owner);
    assertThat(store.delete(owner.key())).isTrue();
    ChannelConnection next = whatsapp(ACME, "1065000001", "waba-a");
    store.save(next);
    assertThat(store.findByAccount(ChannelType.WHATSAPP, "1065000001")).contains(next);
  }

  @Test
  void save_sameAccountIdOnDifferentChannels_belongsToDifferentTenants() {
    ChannelConnection messenger = connection(ACME, ChannelType.MESSENGER, "1234567890", Map.of());
    ChannelConnection instagram = connection(GLOBEX, ChannelType.INSTAGRAM, "1234567890", Map.of());
    store.save(messenger);
    store.save(instagram);
    assertThat(store.findByAccount(ChannelType.MESSENGER, "1234567890")).contains(messenger);
    assertThat(store.findByAccount(ChannelType.INSTAGRAM, "1234567890")).contains(instagram);
  }

  @Test
  void save_concurrentlyByTwoTenantsForOneAccount_exactlyOneWins() throws Exception {
    List<Boolean> won = ContractSupport.runConcurrently(2, i -> () -> {
      try {
        store.save(whatsapp(i == 0 ? ACME : GLOBEX, "1065000099", "waba-" + i));
        return true;
      } catch (ConnectionConflictException e) {
        return false;
      }
    });
    assertThat(won).containsExactlyInAnyOrder(true, false);
    ChannelConnection owner = store.findByAccount(ChannelType.WHATSAPP, "1065000099").orElseThrow();
    TenantId winner = won.get(0) ? ACME : GLOBEX;
    assertThat(owner.tenant()).isEqualTo(winner);
    assertThat(owner.attributes()).containsEntry("waba_id", won.get(0) ? "waba-0" : "waba-1");
  }

  @Test
  void save_concurrentlyBySameTenant_neverConflicts() throws Exception {
    List<Boolean> ok = ContractSupport.runConcurrently(6, i -> () -> {
      for (int round = 0; round < 5; round++) {
        store.save(connection(ACME, ChannelType.WHATSAPP, "1065000077", Map.of("waba_id", "w", "writer", i + "-" + round)));
      }
      return true;
    });
    assertThat(ok).containsOnly(true);
    ChannelConnection c = store.find(new ConnectionKey(ACME, ChannelType.WHATSAPP, "1065000077")).orElseThrow();
    assertThat(c.attributes()).containsOnlyKeys("waba_id", "writer");
    assertThat(c.attributes().get("writer")).matches("[0-5]-4");
  }

  @Test
  void find_otherTenantsKey_returnsEmpty() {
    store.save(whatsapp(GLOBEX, "1065000001", "waba-g"));
    assertThat(store.find(new ConnectionKey(ACME, ChannelType.WHATSAPP, "1065000001"))).isEmpty();
  }

  @Test
  void findByAccount_returnsOwnerWhicheverTenant() {
    ChannelConnection a = whatsapp(ACME, "111", "waba-a");
    ChannelConnection g = whatsapp(GLOBEX, "222", "waba-g");
    store.save(a);
    store.save(g);
    assertThat(store.findByAccount(ChannelType.WHATSAPP, "111")).contains(a);
    assertThat(store.findByAccount(ChannelType.WHATSAPP, "222")).contains(g);
    assertThat(store.findByAccount(ChannelType.MESSENGER, "111")).isEmpty();
    assertThat(store.findByAccount(ChannelType.WHATSAPP, "333")).isEmpty();
  }

  @Test
  void findByAttribute_matchesChannelNameAndValueExactlyAcrossTenants() {
    ChannelConnection a1 = whatsapp(ACME, "111", "waba-shared");
    ChannelConnection g1 = whatsapp(GLOBEX, "222", "waba-shared");
    ChannelConnection a2 = whatsapp(ACME, "333", "waba-other");
    ChannelConnection messenger = connection(INITECH, ChannelType.MESSENGER, "444", Map.of("waba_id", "waba-shared"));
    ChannelConnection otherName = connection(INITECH, ChannelType.WHATSAPP, "555", Map.of("business_id", "waba-shared"));
    ChannelConnection caseDiffers = whatsapp(INITECH, "666", "WABA-SHARED");
    for (ChannelConnection c : List.of(a1, g1, a2, messenger, otherName, caseDiffers)) {
      store.save(c);
    }

    assertThat(store.findByAttribute(ChannelType.WHATSAPP, "waba_id", "waba-shared")).containsExactlyInAnyOrder(a1, g1);
    assertThat(store.findByAttribute(ChannelType.WHATSAPP, "waba_id", "waba-other")).containsExactly(a2);
    assertThat(store.findByAttribute(ChannelType.MESSENGER, "waba_id", "waba-shared")).containsExactly(messenger);
    assertThat(store.findByAttribute(ChannelType.WHATSAPP, "business_id", "waba-shared")).containsExactly(otherName);
    assertThat(store.findByAttribute(ChannelType.WHATSAPP, "WABA_ID", "waba-shared")).isEmpty();
    assertThat(store.findByAttribute(ChannelType.WHATSAPP, "waba_id", "waba")).isEmpty();
    assertThat(store.findByAttribute(ChannelType.WHATSAPP, "waba_id", "WABA-SHARED")).containsExactly(caseDiffers);
  }

  @Test
  void findByAttribute_returnsFullConnectionsWithAllAttributes() {
    ChannelConnection c = connection(ACME, ChannelType.WHATSAPP, "111", Map.of("waba_id", "w1", "display_phone_number", "+44 20", "label", UNICODE));
    store.save(c);
    assertThat(store.findByAttribute(ChannelType.WHATSAPP, "label", UNICODE)).containsExactly(c);
    assertThat(store.findByAttribute(ChannelType.WHATSAPP, "waba_id", "w1").get(0).attributes()).hasSize(3);
  }

  @Test
  void list_returnsOnlyThatTenantsConnections() {
    ChannelConnection a1 = whatsapp(ACME, "111", "w");
    ChannelConnection a2 = connection(ACME, ChannelType.MESSENGER, "page-1", Map.of("name", "Acme Page"));
    ChannelConnection a3 = connection(ACME, ChannelType.INSTAGRAM, "ig-1", Map.of());
    ChannelConnection g1 = whatsapp(GLOBEX, "222", "w");
    for (ChannelConnection c : List.of(a1, a2, a3, g1)) {
      store.save(c);
    }
    assertThat(store.list(ACME)).containsExactlyInAnyOrder(a1, a2, a3);
    assertThat(store.list(GLOBEX)).containsExactly(g1);
    assertThat(store.list(INITECH)).isEmpty();
  }

  @Test
  void delete_existing_returnsTrueAndRemovesEverywhere() {
    ChannelConnection c = whatsapp(ACME, "111", "waba-1");
    store.save(c);
    assertThat(store.delete(c.key())).isTrue();
    assertThat(store.find(c.key())).isEmpty();
    assertThat(store.findByAccount(ChannelType.WHATSAPP, "111")).isEmpty();
    assertThat(store.findByAttribute(ChannelType.WHATSAPP, "waba_id", "waba-1")).isEmpty();
    assertThat(store.list(ACME)).isEmpty();
    assertThat(store.delete(c.key())).isFalse();
  }

  @Test
  void delete_byAnotherTenantsKey_returnsFalseAndKeepsConnection() {
    ChannelConnection c = whatsapp(GLOBEX, "111", "waba-1");
    store.save(c);
    assertThat(store.delete(new ConnectionKey(ACME, ChannelType.WHATSAPP, "111"))).isFalse();
    assertThat(store.find(c.key())).contains(c);
  }

  @Test
  void delete_oneConnection_keepsTheOthers() {
    ChannelConnection a = whatsapp(ACME, "111", "w");
    ChannelConnection b = whatsapp(ACME, "222", "w");
    store.save(a);
    store.save(b);
    store.delete(a.key());
    assertThat(store.list(ACME)).containsExactly(b);
    assertThat(store.findByAttribute(ChannelType.WHATSAPP, "waba_id", "w")).containsExactly(b);
  }
}
