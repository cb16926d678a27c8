package io.switchboard.store.memory;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.ChannelType;
import io.switchboard.TenantId;
import io.switchboard.connection.ConnectionKey;
import io.switchboard.spi.StoredToken;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class InMemoryTokenStoreTest {

  private static final Instant T0 = Instant.parse("2025-06-01T10:00:00Z");
  private static final ConnectionKey KEY =
      new ConnectionKey(TenantId.of("tenant-a"), ChannelType.WHATSAPP, "1234567890");

  private final InMemoryTokenStore store = new InMemoryTokenStore();

  @Test
  void find_nothingSaved_returnsEmpty() {
    assertThat(store.find(KEY)).isEmpty();
  }

  @Test
  void save_thenFind_returnsToken() {
    StoredToken token = new StoredToken("sb1:k1:abc", Optional.of(T0.plusSeconds(3600)), T0);

    store.save(KEY, token);

    assertThat(store.find(KEY)).contains(token);
  }

  @Test
  void save_twice_replacesToken() {
    store.save(KEY, new StoredToken("sb1:k1:old", Optional.empty(), T0));
    StoredToken newer = new StoredToken("sb1:k2:new", Optional.empty(), T0.plusSeconds(1));

    store.save(KEY, newer);

    assertThat(store.find(KEY)).contains(newer);
  }

  @Test
  void find_otherTenantSameAccount_returnsEmpty() {
    store.save(KEY, new StoredToken("sb1:k1:abc", Optional.empty(), T0));

    assertThat(store.find(new ConnectionKey(TenantId.of("tenant-b"), ChannelType.WHATSAPP, "1234567890")))
        .isEmpty();
  }

  @Test
  void delete_existingAndMissing_reportsWhetherDeleted() {
    store.save(KEY, new StoredToken("sb1:k1:abc", Optional.empty(), T0));

    assertThat(store.delete(KEY)).isTrue();
    assertThat(store.delete(KEY)).isFalse();
    assertThat(store.find(KEY)).isEmpty();
  }

  @Test
  void toString_withTokens_showsCountOnly() {
    store.save(KEY, new StoredToken("sb1:k1:secretish", Optional.empty(), T0));

    assertThat(store.toString()).isEqualTo("InMemoryTokenStore[tokens=1]");
  }
}
