package io.switchboard.testkit.contract;

import static io.switchboard.testkit.contract.ContractSupport.UNICODE;
import static io.switchboard.testkit.contract.ContractSupport.at;
import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.ChannelType;
import io.switchboard.TenantId;
import io.switchboard.connection.ConnectionKey;
import io.switchboard.spi.StoredToken;
import io.switchboard.spi.TokenStore;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The {@link TokenStore} contract. Extend it and return a fresh, empty store from
 * {@link #newStore()}; every test then runs against your implementation.
 *
 * <pre>{@code
 * class MyTokenStoreTest extends TokenStoreContract {
 *   @Override
 *   protected TokenStore newStore() {
 *     return new MyTokenStore(freshDatabase());
 *   }
 * }
 * }</pre>
 *
 * <p>Stores keep ciphertext only, so the values here are opaque strings of the shape core writes
 * ({@code v1:<key id>:<base64>}); nothing is decrypted.
 */
public abstract class TokenStoreContract {

  private static final TenantId ACME = TenantId.of("acme");
  private static final TenantId GLOBEX = TenantId.of("globex");
  private static final ConnectionKey ACME_WA = new ConnectionKey(ACME, ChannelType.WHATSAPP, "1065000001");

  /** The store under test; a new one for each test. */
  protected TokenStore store;

  /**
   * Creates the store under test. Called before every test.
   *
   * @return a fresh store holding no tokens
   */
  protected abstract TokenStore newStore();

  @BeforeEach
  void createStore() {
    store = newStore();
  }

  private static StoredToken token(String ciphertext, long updatedSecond) {
    return new StoredToken(ciphertext, Optional.of(at(updatedSecond + 5_184_000)), at(updatedSecond));
  }

  @Test
  void find_noToken_returnsEmpty() {
    assertThat(store.find(ACME_WA)).isEmpty();
  }

  @Test
  void save_thenFind_returnsSameToken() {
    StoredToken t = token("v1:k1:QUJDREVGR0g=", 0);
    store.save(ACME_WA, t);
    assertThat(store.find(ACME_WA)).contains(t);
  }

  @Test
  void save_withoutExpiry_roundTripsEmptyExpiry() {
    StoredToken t = new StoredToken("v1:k1:bm8tZXhwaXJ5", Optional.empty(), at(1));
    store.save(ACME_WA, t);
    assertThat(store.find(ACME_WA)).contains(t);
  }

  @Test
  void save_existingKey_replacesToken() {
    store.save(ACME_WA, token("v1:k1:b2xk", 0));
    StoredToken newer = new StoredToken("v1:k2:bmV3", Optional.empty(), at(60));
    store.save(ACME_WA, newer);
    assertThat(store.find(ACME_WA)).contains(newer);
  }

  @Test
  void save_keysDifferingInOnePart_areIndependent() {
    ConnectionKey otherTenant = new ConnectionKey(GLOBEX, ChannelType.WHATSAPP, "1065000001");
    ConnectionKey otherChannel = new ConnectionKey(ACME, ChannelType.MESSENGER, "1065000001");
    ConnectionKey otherAccount = new ConnectionKey(ACME, ChannelType.WHATSAPP, "1065000002");
    List<ConnectionKey> keys = List.of(ACME_WA, otherTenant, otherChannel, otherAccount);
    for (int i = 0; i < keys.size(); i++) {
      store.save(keys.get(i), token("v1:k1:token-" + i, i));
    }
    for (int i = 0; i < keys.size(); i++) {
      assertThat(store.find(keys.get(i))).contains(token("v1:k1:token-" + i, i));
    }
    assertThat(store.delete(otherTenant)).isTrue();
    assertThat(store.find(otherTenant)).isEmpty();
    assertThat(store.find(ACME_WA)).isPresent();
    assertThat(store.find(otherChannel)).isPresent();
    assertThat(store.find(otherAccount)).isPresent();
  }

  @Test
  void delete_existingToken_returnsTrueAndRemovesIt() {
    store.save(ACME_WA, token("v1:k1:eA==", 0));
    assertThat(store.delete(ACME_WA)).isTrue();
    assertThat(store.find(ACME_WA)).isEmpty();
  }

  @Test
  void delete_noToken_returnsFalse() {
    assertThat(store.delete(ACME_WA)).isFalse();
    store.save(ACME_WA, token("v1:k1:eA==", 0));
    store.delete(ACME_WA);
    assertThat(store.delete(ACME_WA)).isFalse();
  }

  @Test
  void save_afterDelete_storesAgain() {
    store.save(ACME_WA, token("v1:k1:Zmlyc3Q=", 0));
    store.delete(ACME_WA);
    StoredToken again = token("v1:k1:c2Vjb25k", 10);
    store.save(ACME_WA, again);
    assertThat(store.find(ACME_WA)).contains(again);
  }

  @Test
  void save_longAndUnusualCiphertext_isKeptExactly() {
    String ciphertext = "v1:k-2026:" + "A".repeat(8_000) + "+/=" + UNICODE;
    StoredToken t = new StoredToken(ciphertext, Optional.empty(), at(0));
    store.save(ACME_WA, t);
    assertThat(store.find(ACME_WA).orElseThrow().ciphertext()).isEqualTo(ciphertext);
  }

  @Test
  void save_unusualAccountAndTenantIds_roundTrip() {
    ConnectionKey key = new ConnectionKey(TenantId.of("Tenant.A:b@c-1_2"), ChannelType.WHATSAPP_WEB, "session/ü 1");
    StoredToken t = token("v1:k1:dW51c3VhbA==", 3);
    store.save(key, t);
    assertThat(store.find(key)).contains(t);
    assertThat(store.find(new ConnectionKey(TenantId.of("tenant.a:b@c-1_2"), ChannelType.WHATSAPP_WEB, "session/ü 1")))
        .as("tenant ids are case-sensitive")
        .isEmpty();
  }

  @Test
  void save_concurrentlyOnOneKey_leavesOneOfTheWrittenTokens() throws Exception {
    int threads = 8;
    ContractSupport.runConcurrently(threads, i -> () -> {
      for (int round = 0; round < 5; round++) {
        store.save(ACME_WA, token("v1:k1:t" + i + "r" + round, i));
      }
      return null;
    });
    String ciphertext = store.find(ACME_WA).orElseThrow().ciphertext();
    assertThat(ciphertext).matches("v1:k1:t[0-7]r4");
  }
}
