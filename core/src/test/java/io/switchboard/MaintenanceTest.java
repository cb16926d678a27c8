package io.switchboard;

import static io.switchboard.testing.Fixtures.APP_SECRET;
import static io.switchboard.testing.Fixtures.VERIFY_TOKEN;
import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.connection.ChannelConnection;
import io.switchboard.connection.ConnectionKey;
import io.switchboard.connection.ConnectionStatus;
import io.switchboard.spi.InboxEntry;
import io.switchboard.store.memory.InMemoryStores;
import io.switchboard.testing.FakeChannel;
import io.switchboard.testing.Fixtures;
import io.switchboard.testing.MutableClock;
import io.switchboard.webhook.WebhookRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The periodic maintenance {@code start()} schedules, run directly. */
class MaintenanceTest {

  private final MutableClock clock = MutableClock.at("2026-11-22T10:00:00Z");
  private final InMemoryStores stores = new InMemoryStores();
  private final List<String> handled = Collections.synchronizedList(new ArrayList<>());
  private final Switchboard switchboard = Switchboard.builder()
      .appSecret(APP_SECRET).verifyToken(VERIFY_TOKEN).keyring(Fixtures.keyring())
      .channel(new FakeChannel()).stores(stores).clock(clock)
      .inboxRetention(Duration.ofDays(8))
      .eventHandler((t, e) -> handled.add(t + ":" + e.externalId()))
      .build();

  @AfterEach
  void close() {
    switchboard.close();
  }

  private void post(String json) {
    byte[] body = Fixtures.utf8(json);
    assertThat(switchboard.webhooks().handle(WebhookRequest.post(body, Fixtures.signed(body))).status()).isEqualTo(200);
  }

  @Test
  void maintain_accountConnectedByAnotherInstance_handsOverUnroutableEvents() {
    post(Fixtures.fakeWebhook("ELSEWHERE", "u-1", "ELSEWHERE", "u-2"));
    assertThat(switchboard.inbox().unroutable(10)).hasSize(2);
    // another instance sharing the database connects the account: this instance's connect() never ran
    stores.connectionStore().save(new ChannelConnection(new ConnectionKey(TenantId.of("initech"), ChannelType.WHATSAPP,
        "ELSEWHERE"), ConnectionStatus.CONNECTED, Map.of(), clock.instant(), clock.instant()));

    switchboard.maintain();
    switchboard.inbox().dispatchDue();

    assertThat(switchboard.inbox().unroutable(10)).isEmpty();
    assertThat(handled).containsExactly("initech:u-1", "initech:u-2");
  }

  @Test
  void maintain_purgesDeliveredEventsOlderThanRetention_soOnlyThenCanAnIdRepeat() {
    switchboard.connections().connect(io.switchboard.connection.ConnectRequest.builder().tenant(TenantId.of("acme"))
        .channel(ChannelType.WHATSAPP).accountId("A1").accessToken(Secret.of("t")).build());
    post(Fixtures.fakeWebhook("A1", "old-1"));
    switchboard.inbox().dispatchDue();

    clock.advance(Duration.ofDays(7));
    switchboard.maintain();
    assertThat(switchboard.inbox().find(ChannelType.WHATSAPP, "old-1")).get()
        .extracting(InboxEntry::state).isEqualTo(InboxEntry.State.DELIVERED);
    post(Fixtures.fakeWebhook("A1", "old-1")); // a retry within Meta's 7 days: still a duplicate
    switchboard.inbox().dispatchDue();
    assertThat(handled).containsExactly("acme:old-1");

    clock.advance(Duration.ofDays(1).plusSeconds(1));
    switchboard.maintain();
    assertThat(switchboard.inbox().find(ChannelType.WHATSAPP, "old-1")).isEmpty();
  }
}
