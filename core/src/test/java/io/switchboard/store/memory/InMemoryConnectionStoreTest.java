package io.switchboard.store.memory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.switchboard.ChannelType;
import io.switchboard.ConnectionConflictException;
import io.switchboard.TenantId;
import io.switchboard.connection.ChannelConnection;
import io.switchboard.connection.ConnectionKey;
import io.switchboard.connection.ConnectionStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class InMemoryConnectionStoreTest {

  private static final Instant T0 = Instant.parse("2025-06-01T10:00:00Z");
  private static final TenantId A = TenantId.of("tenant-a");
  private static final TenantId B = TenantId.of("tenant-b");

  private final InMemoryConnectionStore store = new InMemoryConnectionStore();

  @Test
  void save_newConnection_isFoundByKeyAndAccount() {
    ChannelConnection c = connection(A, ChannelType.WHATSAPP, "111", Map.of());

    store.save(c);

    assertThat(store.find(c.key())).contains(c);
    assertThat(store.findByAccount(ChannelType.WHATSAPP, "111")).contains(c);
    assertThat(store.findByAccount(ChannelType.MESSENGER, "111")).isEmpty();
    assertThat(store.find(new ConnectionKey(B, ChannelType.WHATSAPP, "111"))).isEmpty();
  }

  @Test
  void save_sameTenantAgain_updates() {
    store.save(connection(A, ChannelType.WHATSAPP, "111", Map.of()));
    ChannelConnection updated = connection(A, ChannelType.WHATSAPP, "111", Map.of())
        .withStatus(ConnectionStatus.NEEDS_REAUTH, T0.plusSeconds(60));

    store.save(updated);

    assertThat(store.find(updated.key())).contains(updated);
    assertThat(store.list(A)).containsExactly(updated);
  }

  @Test
  void save_accountOwnedByAnotherTenant_throwsConflictWithoutNamingOwner() {
    ChannelConnection owned = connection(A, ChannelType.WHATSAPP, "111", Map.of());
    store.save(owned);

    assertThatThrownBy(() -> store.save(connection(B, ChannelType.WHATSAPP, "111", Map.of())))
        .isInstanceOf(ConnectionConflictException.class)
        .hasMessageContaining("WHATSAPP account 111")
        .hasMessageNotContaining("tenant-a");
    assertThat(store.findByAccount(ChannelType.WHATSAPP, "111")).contains(owned);
    assertThat(store.list(B)).isEmpty();
  }

  @Test
  void save_sameAccountIdOnOtherChannel_isIndependent() {
    store.save(connection(A, ChannelType.MESSENGER, "111", Map.of()));

    store.save(connection(B, ChannelType.INSTAGRAM, "111", Map.of()));

    assertThat(store.findByAccount(ChannelType.INSTAGRAM, "111")).get()
        .extracting(ChannelConnection::tenant).isEqualTo(B);
  }

  @Test
  void save_afterOwnerDeleted_otherTenantMayConnect() {
    ChannelConnection owned = connection(A, ChannelType.WHATSAPP, "111", Map.of());
    store.save(owned);
    store.delete(owned.key());

    ChannelConnection taken = connection(B, ChannelType.WHATSAPP, "111", Map.of());
    store.save(taken);

    assertThat(store.findByAccount(ChannelType.WHATSAPP, "111")).contains(taken);
  }

  @Test
  void delete_byNonOwner_deletesNothing() {
    ChannelConnection owned = connection(A, ChannelType.WHATSAPP, "111", Map.of());
    store.save(owned);

    assertThat(store.delete(new ConnectionKey(B, ChannelType.WHATSAPP, "111"))).isFalse();
    assertThat(store.find(owned.key())).contains(owned);
    assertThat(store.delete(owned.key())).isTrue();
    assertThat(store.delete(owned.key())).isFalse();
    assertThat(store.findByAccount(ChannelType.WHATSAPP, "111")).isEmpty();
  }

  @Test
  void list_tenant_returnsOnlyItsConnections() {
    ChannelConnection a1 = connection(A, ChannelType.WHATSAPP, "111", Map.of());
    ChannelConnection a2 = connection(A, ChannelType.MESSENGER, "222", Map.of());
    ChannelConnection b1 = connection(B, ChannelType.WHATSAPP, "333", Map.of());
    store.save(a1);
    store.save(a2);
    store.save(b1);

    assertThat(store.list(A)).containsExactlyInAnyOrder(a1, a2);
    assertThat(store.list(B)).containsExactly(b1);
    assertThat(store.list(TenantId.of("nobody"))).isEmpty();
  }

  @Test
  void findByAttribute_matchingValueAcrossTenants_returnsAllOnThatChannel() {
    ChannelConnection a1 = connection(A, ChannelType.WHATSAPP, "111", Map.of(ChannelConnection.WABA_ID, "waba-1"));
    ChannelConnection b1 = connection(B, ChannelType.WHATSAPP, "222", Map.of(ChannelConnection.WABA_ID, "waba-1"));
    ChannelConnection other = connection(B, ChannelType.WHATSAPP, "333", Map.of(ChannelConnection.WABA_ID, "waba-2"));
    ChannelConnection none = connection(A, ChannelType.WHATSAPP, "444", Map.of());
    ChannelConnection otherChannel = connection(A, ChannelType.MESSENGER, "555", Map.of(ChannelConnection.WABA_ID, "waba-1"));
    List.of(a1, b1, other, none, otherChannel).forEach(store::save);

    assertThat(store.findByAttribute(ChannelType.WHATSAPP, ChannelConnection.WABA_ID, "waba-1"))
        .containsExactlyInAnyOrder(a1, b1);
    assertThat(store.findByAttribute(ChannelType.WHATSAPP, ChannelConnection.WABA_ID, "waba-9")).isEmpty();
    assertThat(store.findByAttribute(ChannelType.WHATSAPP, "other", "waba-1")).isEmpty();
  }

  @Test
  void save_concurrentTenantsSameAccount_exactlyOneWins() throws Exception {
    int threads = 8;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      for (int round = 0; round < 200; round++) {
        String account = "acct-" + round;
        CountDownLatch ready = new CountDownLatch(threads);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Boolean>> results = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
          TenantId tenant = TenantId.of("tenant-" + t);
          results.add(pool.submit(() -> {
            ready.countDown();
            go.await();
            try {
              store.save(connection(tenant, ChannelType.WHATSAPP, account, Map.of()));
              return true;
            } catch (ConnectionConflictException e) {
              return false;
            }
          }));
        }
        assertThat(ready.await(10, TimeUnit.SECONDS)).isTrue();
        go.countDown();
        int wins = 0;
        for (Future<Boolean> f : results) {
          wins += f.get(10, TimeUnit.SECONDS) ? 1 : 0;
        }
        assertThat(wins).as("round %d", round).isEqualTo(1);
      }
    } finally {
      pool.shutdownNow();
    }
  }

  private static ChannelConnection connection(
      TenantId tenant, ChannelType channel, String account, Map<String, String> attributes) {
    return new ChannelConnection(new ConnectionKey(tenant, channel, account),
        ConnectionStatus.CONNECTED, attributes, T0, T0);
  }
}
