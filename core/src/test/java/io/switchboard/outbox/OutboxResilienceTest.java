package io.switchboard.outbox;

import static io.switchboard.testing.Fixtures.APP_SECRET;
import static io.switchboard.testing.Fixtures.VERIFY_TOKEN;
import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.Backoff;
import io.switchboard.ChannelType;
import io.switchboard.Switchboard;
import io.switchboard.message.DeliveryStatus;
import io.switchboard.spi.OutboxQuery;
import io.switchboard.spi.OutboxRecord;
import io.switchboard.testing.FakeChannel;
import io.switchboard.testing.Fixtures;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.Test;

class OutboxResilienceTest extends OutboxTestBase {

  /** Counts answers that accepted each message (by its text), so duplicates are visible. */
  private final Map<String, AtomicInteger> accepted = new ConcurrentHashMap<>();

  private void acceptAll() {
    graph.setDispatcher(new Dispatcher() {
      @Override
      public MockResponse dispatch(RecordedRequest request) {
        String text = request.getBody().utf8().replaceAll(".*\"text\":\"([^\"]*)\".*", "$1");
        accepted.computeIfAbsent(text, k -> new AtomicInteger()).incrementAndGet();
        return new MockResponse.Builder().body("{\"id\":\"wamid." + text + "\"}").build();
      }
    });
  }

  @Test
  void twoInstancesOnSharedStores_dispatchingConcurrently_neverSendTheSameMessageTwice() throws Exception {
    start(builder(new FakeChannel()).outboxBatchSize(7));
    Switchboard second = builder(new FakeChannel()).outboxBatchSize(7).nodeId("second").build();
    connect(ACME, "111");
    connect(GLOBEX, "222");
    acceptAll();
    for (int i = 0; i < 200; i++) {
      switchboard.send(text(i % 2 == 0 ? ACME : GLOBEX, "+1555" + i, "m" + i).build());
    }
    ExecutorService pool = Executors.newFixedThreadPool(4);
    CountDownLatch go = new CountDownLatch(1);
    List<Future<Integer>> rounds = new ArrayList<>();
    for (Switchboard sb : List.of(switchboard, second, switchboard, second)) {
      rounds.add(pool.submit(() -> {
        go.await();
        return sb.outbox().dispatchDue();
      }));
    }
    go.countDown();
    int total = 0;
    for (Future<Integer> f : rounds) {
      total += f.get(60, TimeUnit.SECONDS);
    }
    pool.shutdown();
    second.close();

    assertThat(total).isEqualTo(200);
    assertThat(accepted).hasSize(200);
    assertThat(accepted.values()).allSatisfy(n -> assertThat(n.get()).isEqualTo(1));
    assertThat(switchboard.outbox().list(OutboxQuery.all(500, DeliveryStatus.SENT))).hasSize(200);
  }

  @Test
  void instanceDiesAfterClaiming_nextInstanceSendsItsMessagesWhenTheLeaseEnds() {
    start(builder(new FakeChannel()).dispatchLease(Duration.ofMinutes(2)));
    connect(ACME, "111");
    acceptAll();
    for (int i = 0; i < 5; i++) {
      switchboard.send(text(ACME, "+1555" + i, "c" + i).build());
    }
    // a node claims everything, then its process dies before sending anything
    List<OutboxRecord> lost = stores.outboxStore().claimDue(clock.instant(), 10, Duration.ofMinutes(2), "dead-node");
    assertThat(lost).hasSize(5).allSatisfy(r -> assertThat(r.status()).isEqualTo(DeliveryStatus.SENDING));

    assertThat(switchboard.outbox().dispatchDue()).isZero(); // still leased by the dead node
    clock.advance(Duration.ofMinutes(2));
    assertThat(switchboard.outbox().dispatchDue()).isEqualTo(5);
    assertThat(accepted).hasSize(5);
    assertThat(accepted.values()).allSatisfy(n -> assertThat(n.get()).isEqualTo(1));
  }

  @Test
  void faultInjection_backgroundMode_everyMessageSentOnceOrFailedWithReason_rateNeverExceeded() throws Exception {
    int limit = 40;
    List<Long> sendNanos = Collections.synchronizedList(new ArrayList<>());
    OkHttpClient http = new OkHttpClient.Builder()
        .readTimeout(Duration.ofSeconds(2))
        .addInterceptor(chain -> {
          sendNanos.add(System.nanoTime());
          return chain.proceed(chain.request());
        })
        .build();
    Random random = new Random(42);
    Map<String, AtomicInteger> pairRefusals = new ConcurrentHashMap<>();
    graph.setDispatcher(new Dispatcher() {
      @Override
      public MockResponse dispatch(RecordedRequest request) {
        String text = request.getBody().utf8().replaceAll(".*\"text\":\"([^\"]*)\".*", "$1");
        if (text.equals("doomed")) {
          return graphError(400, 131026);
        }
        int roll;
        synchronized (random) {
          roll = random.nextInt(100);
        }
        if (roll < 10) {
          return graphError(500, 2);
        } else if (roll < 18) {
          return new MockResponse.Builder().code(429).body("{\"error\":{\"message\":\"mps\",\"code\":130429}}").build();
        } else if (roll < 22 && pairRefusals.computeIfAbsent(text, k -> new AtomicInteger()).getAndIncrement() == 0) {
          return graphError(400, 131056);
        } else if (roll < 27) {
          return new MockResponse.Builder().code(503).body("<html>unavailable</html>").build();
        }
        MockResponse.Builder ok = new MockResponse.Builder().body("{\"id\":\"wamid." + text + "\"}");
        if (roll > 95) {
          ok.headersDelay(150, TimeUnit.MILLISECONDS); // a slow answer
        }
        accepted.computeIfAbsent(text, k -> new AtomicInteger()).incrementAndGet();
        return ok.build();
      }
    });
    switchboard = Switchboard.builder()
        .appSecret(APP_SECRET).verifyToken(VERIFY_TOKEN).keyring(Fixtures.keyring())
        .channel(new FakeChannel()).stores(stores).clock(Clock.systemUTC())
        .httpClient(http).graphBaseUrl(graph.url("/").toString())
        .retryPolicy(new RetryPolicy(12, new Backoff(Duration.ofMillis(20), Duration.ofMillis(200), 0.2), Duration.ofHours(1)))
        .throughputLimits(ThroughputLimits.defaults().with(ChannelType.WHATSAPP, limit))
        .windowPolicy(WindowPolicy.notEnforced())
        .pollInterval(Duration.ofMillis(50)).outboxConcurrency(16)
        .eventHandler((t, e) -> {})
        .build();
    connect(ACME, "111");
    List<CompletableFuture<io.switchboard.message.SendReceipt>> futures = new ArrayList<>();
    for (int i = 0; i < 80; i++) {
      futures.add(switchboard.send(text(ACME, "+1555" + i, "f" + i).build()).accepted());
    }
    MessageHandle doomed = switchboard.send(text(ACME, "+1666", "doomed").build());
    switchboard.start();

    CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
    doomed.accepted().handle((r, e) -> null).get(10, TimeUnit.SECONDS);

    assertThat(accepted).hasSize(80);
    assertThat(accepted.values()).allSatisfy(n -> assertThat(n.get()).isEqualTo(1));
    assertThat(switchboard.outbox().list(OutboxQuery.all(200, DeliveryStatus.SENT))).hasSize(80);
    assertThat(doomed.message().status()).isEqualTo(DeliveryStatus.FAILED);
    assertThat(doomed.message().errorCode()).contains("131026");
    List<Long> times = new ArrayList<>(sendNanos);
    Collections.sort(times);
    for (int i = 0; i < times.size(); i++) {
      long start = times.get(i);
      long inWindow = times.stream().filter(t -> t >= start && t < start + 1_000_000_000L).count();
      assertThat(inWindow).as("requests in the second after request " + i).isLessThanOrEqualTo(limit);
    }
    assertThat(times.size()).isGreaterThan(81); // faults really were injected and retried
  }

  private static MockResponse graphError(int http, int code) {
    return new MockResponse.Builder().code(http)
        .body("{\"error\":{\"message\":\"injected\",\"code\":" + code + "}}").build();
  }
}
