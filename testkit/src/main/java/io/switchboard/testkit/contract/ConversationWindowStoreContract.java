package io.switchboard.testkit.contract;

import static io.switchboard.testkit.contract.ContractSupport.at;
import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.ChannelType;
import io.switchboard.TenantId;
import io.switchboard.spi.ConversationWindowStore;
import io.switchboard.spi.WindowKey;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The {@link ConversationWindowStore} contract: the latest inbound time per conversation, whatever
 * order (or how concurrently) the times are recorded in, with each part of the key telling
 * conversations apart. Extend it and return a fresh, empty store from {@link #newStore()}:
 *
 * <pre>{@code
 * class MyWindowStoreTest extends ConversationWindowStoreContract {
 *   @Override
 *   protected ConversationWindowStore newStore() {
 *     return new MyWindowStore(freshDatabase());
 *   }
 * }
 * }</pre>
 *
 * <p>Times are explicit and microsecond-precise; nothing sleeps.
 */
public abstract class ConversationWindowStoreContract {

  private static final WindowKey KEY = new WindowKey(TenantId.of("acme"), ChannelType.WHATSAPP, "1065000001", "15550001");

  /** The store under test; a new one for each test. */
  protected ConversationWindowStore store;

  /**
   * Creates the store under test. Called before every test.
   *
   * @return a fresh store holding no conversations
   */
  protected abstract ConversationWindowStore newStore();

  @BeforeEach
  void createStore() {
    store = newStore();
  }

  @Test
  void lastInbound_unknownConversation_isEmpty() {
    assertThat(store.lastInbound(KEY)).isEmpty();
  }

  @Test
  void recordInbound_thenRead_returnsTheTimeExactly() {
    store.recordInbound(KEY, at(0));

    assertThat(store.lastInbound(KEY)).contains(at(0));
  }

  @Test
  void recordInbound_keepsTheLaterTimeWhateverTheOrder() {
    store.recordInbound(KEY, at(10));
    store.recordInbound(KEY, at(5));
    assertThat(store.lastInbound(KEY)).contains(at(10));

    store.recordInbound(KEY, at(10));
    assertThat(store.lastInbound(KEY)).contains(at(10));

    store.recordInbound(KEY, at(20));
    assertThat(store.lastInbound(KEY)).contains(at(20));

    store.recordInbound(KEY, at(20).minusNanos(1000));
    assertThat(store.lastInbound(KEY)).contains(at(20));
  }

  @Test
  void recordInbound_concurrentTimes_endWithTheLatest() throws Exception {
    for (int round = 0; round < 3; round++) {
      WindowKey key = new WindowKey(KEY.tenant(), KEY.channel(), KEY.accountId(), "race-" + round);
      List<Instant> times = new ArrayList<>();
      for (int i = 0; i < 80; i++) {
        times.add(at(i * 7L).plusNanos(i * 1000L));
      }
      Instant latest = times.get(times.size() - 1);
      Collections.shuffle(times, new Random(round));
      int threads = 8;

      ContractSupport.runConcurrently(threads, t -> () -> {
        for (int i = t; i < times.size(); i += threads) {
          store.recordInbound(key, times.get(i));
        }
        return null;
      });

      assertThat(store.lastInbound(key)).as("round %d", round).contains(latest);
    }
  }

  private static WindowKey contact(String id) {
    return new WindowKey(KEY.tenant(), KEY.channel(), KEY.accountId(), id);
  }

  @Test
  void recordInboundBatch_newAndKnownConversations_keepTheLaterTimeOfEach() {
    store.recordInbound(contact("known-older"), at(10));
    store.recordInbound(contact("known-newer"), at(50));

    store.recordInbound(Map.of(contact("new"), at(20), contact("known-older"), at(30), contact("known-newer"), at(40)));

    assertThat(store.lastInbound(contact("new"))).contains(at(20));
    assertThat(store.lastInbound(contact("known-older"))).contains(at(30));
    assertThat(store.lastInbound(contact("known-newer"))).contains(at(50));
    store.recordInbound(Map.of());
    assertThat(store.lastInbound(contact("new"))).contains(at(20));
  }

  @Test
  void recordInboundBatch_ofManyConversations_recordsEveryOne() {
    Map<WindowKey, Instant> latest = new HashMap<>();
    for (int i = 0; i < 1200; i++) {
      latest.put(contact("many-" + i), at(i));
    }

    store.recordInbound(latest);

    for (int i = 0; i < 1200; i += 7) {
      assertThat(store.lastInbound(contact("many-" + i))).as("contact %d", i).contains(at(i));
    }
    assertThat(store.lastInbound(contact("many-1199"))).contains(at(1199));
  }

  @Test
  void recordInboundBatch_concurrentOverlappingBatches_endWithTheLatestOfEach() throws Exception {
    int threads = 4;
    ContractSupport.runConcurrently(threads, t -> () -> {
      for (int round = 0; round < 10; round++) {
        Map<WindowKey, Instant> batch = new HashMap<>();
        for (int c = 0; c < 20; c++) {
          batch.put(contact("overlap-" + c), at(round * 10L + t));
        }
        store.recordInbound(batch);
      }
      return null;
    });

    for (int c = 0; c < 20; c++) {
      assertThat(store.lastInbound(contact("overlap-" + c))).contains(at(90 + threads - 1));
    }
  }

  @Test
  void keys_differingInAnyPart_areSeparateConversations() {
    List<WindowKey> variants = List.of(
        new WindowKey(TenantId.of("globex"), KEY.channel(), KEY.accountId(), KEY.contactId()),
        new WindowKey(KEY.tenant(), ChannelType.MESSENGER, KEY.accountId(), KEY.contactId()),
        new WindowKey(KEY.tenant(), KEY.channel(), "1065000002", KEY.contactId()),
        new WindowKey(KEY.tenant(), KEY.channel(), KEY.accountId(), "15550002"));
    store.recordInbound(KEY, at(100));

    for (WindowKey variant : variants) {
      assertThat(store.lastInbound(variant)).as(variant.toString()).isEmpty();
    }
    for (int i = 0; i < variants.size(); i++) {
      store.recordInbound(variants.get(i), at(i));
    }
    for (int i = 0; i < variants.size(); i++) {
      assertThat(store.lastInbound(variants.get(i))).as(variants.get(i).toString()).contains(at(i));
    }
    assertThat(store.lastInbound(KEY)).contains(at(100));
  }
}
