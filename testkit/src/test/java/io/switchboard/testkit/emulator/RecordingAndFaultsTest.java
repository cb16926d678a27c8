package io.switchboard.testkit.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.switchboard.Secret;
import io.switchboard.graph.GraphApiException;
import io.switchboard.graph.GraphClient;
import io.switchboard.testkit.MutableClock;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Every request is recorded; faults, latency and throughput limits are injected on demand. */
class RecordingAndFaultsTest {

  private static final String PHONE = "106540352242922";
  private static final String PHONE_B = "106540352242999";
  private static final String PAGE = "100000000000001";
  private static final Secret TOKEN = Secret.of("EAAG-acme");
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String TEXT =
      "{\"messaging_product\":\"whatsapp\",\"to\":\"+16505551234\",\"type\":\"text\",\"text\":{\"body\":\"hi\"}}";
  private static final String MESSENGER_TEXT = "{\"recipient\":{\"id\":\"2400000000000001\"},\"message\":{\"text\":\"hi\"}}";

  private final MutableClock clock = MutableClock.at("2026-11-22T10:00:00Z");
  private MetaEmulator emulator;
  private GraphClient graph;

  @BeforeEach
  void start() {
    emulator = MetaEmulator.builder().clock(clock).build().start();
    emulator.whatsAppNumber(PHONE, "102290129340398", "EAAG-acme");
    emulator.whatsAppNumber(PHONE_B, "102290129340398", "EAAG-acme-b");
    emulator.page(PAGE, "EAAG-page");
    graph = GraphClient.builder().baseUrl(emulator.baseUrl()).build();
  }

  @AfterEach
  void stop() {
    emulator.close();
  }

  private JsonNode sendText() throws Exception {
    return graph.post(PHONE + "/messages", TOKEN, JSON.readTree(TEXT));
  }

  @Test
  void everyRequestIsRecorded_withAccountTokenAndParsedBody() throws Exception {
    JsonNode answer = sendText();
    assertThatThrownBy(() -> graph.post("42/messages", TOKEN, JSON.readTree(TEXT)))
        .isInstanceOf(GraphApiException.class);

    RecordedRequest first = emulator.takeRequest(Duration.ofSeconds(5));
    assertThat(first.method()).isEqualTo("POST");
    assertThat(first.path()).isEqualTo("/v26.0/" + PHONE + "/messages");
    assertThat(first.version()).hasValue("v26.0");
    assertThat(first.host()).isEqualTo(GraphHost.FACEBOOK);
    assertThat(first.header("authorization")).hasValue("Bearer EAAG-acme");
    assertThat(first.token()).hasValue("EAAG-acme");
    assertThat(first.account()).hasValue(PHONE);
    assertThat(first.json()).isEqualTo(JSON.readTree(TEXT));
    assertThat(first.status()).isEqualTo(200);
    assertThat(first.response()).isEqualTo(answer);
    assertThat(first.at()).isEqualTo(clock.instant());

    RecordedRequest second = emulator.takeRequest(Duration.ofSeconds(5));
    assertThat(second.status()).isEqualTo(400);
    assertThat(second.errorCode()).hasValue(100);
    assertThat(second.account()).isEmpty();

    assertThat(emulator.requests()).hasSize(2);
    assertThat(emulator.requestsTo(PHONE)).containsExactly(first);
    assertThat(emulator.requestsTo(PHONE_B)).isEmpty();
    assertThatThrownBy(() -> emulator.takeRequest(Duration.ofMillis(10))).isInstanceOf(AssertionError.class);

    emulator.clearRecorded();
    assertThat(emulator.requests()).isEmpty();
  }

  @Test
  void failNext_failsExactlyNRequests_thenServesNormally() throws Exception {
    emulator.failNext(2, 503, 2);

    for (int i = 0; i < 2; i++) {
      assertThatThrownBy(this::sendText).isInstanceOfSatisfying(GraphApiException.class, e -> {
        assertThat(e.httpStatus()).isEqualTo(503);
        assertThat(e.code()).hasValue(2);
        assertThat(e.retryable()).isTrue();
      });
    }
    assertThat(sendText().path("messages").get(0).path("id").asText()).startsWith("wamid.");
    assertThat(emulator.requests()).extracting(RecordedRequest::status).containsExactly(503, 503, 200);
    assertThat(emulator.requests().get(0).account()).hasValue(PHONE);
    // failed sends produce no status callbacks
    assertThat(emulator.pendingStatusCount()).isEqualTo(3);
  }

  @Test
  void failNext_forOneAccount_leavesOthersAlone() throws Exception {
    emulator.failNext(PHONE_B, 1, 400, 131000);

    assertThat(sendText().path("messages").isArray()).isTrue();
    assertThatThrownBy(() -> graph.post(PHONE_B + "/messages", Secret.of("EAAG-acme-b"), JSON.readTree(TEXT)))
        .isInstanceOfSatisfying(GraphApiException.class, e -> assertThat(e.code()).hasValue(131000));
    assertThat(graph.post(PHONE_B + "/messages", Secret.of("EAAG-acme-b"), JSON.readTree(TEXT))
        .path("messages").isArray()).isTrue();
  }

  @Test
  void failAlways_untilCleared() throws Exception {
    emulator.failAlways(500, 1);
    for (int i = 0; i < 3; i++) {
      assertThatThrownBy(this::sendText).isInstanceOfSatisfying(GraphApiException.class,
          e -> assertThat(e.code()).hasValue(1));
    }
    emulator.clearFaults();
    assertThat(sendText().path("messages").isArray()).isTrue();
  }

  @Test
  void latency_delaysAnswers() throws Exception {
    emulator.latency(Duration.ofMillis(150));
    long started = System.nanoTime();
    sendText();
    assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(150));
  }

  @Test
  void throughputLimit_whatsApp_answers130429BeyondNPerSecond_andRecoversNextSecond() throws Exception {
    emulator.throughputLimit(3);
    for (int i = 0; i < 3; i++) {
      sendText();
    }
    assertThatThrownBy(this::sendText).isInstanceOfSatisfying(GraphApiException.class, e -> {
      assertThat(e.code()).hasValue(130429);
      assertThat(e.httpStatus()).isEqualTo(400);
      assertThat(e.isThrottling()).isTrue();
    });
    // another number has its own budget
    assertThat(graph.post(PHONE_B + "/messages", Secret.of("EAAG-acme-b"), JSON.readTree(TEXT))
        .path("messages").isArray()).isTrue();

    clock.advance(Duration.ofSeconds(1));
    assertThat(sendText().path("messages").isArray()).isTrue();
  }

  @Test
  void throughputLimit_messenger_answers613() throws Exception {
    emulator.throughputLimit(PAGE, 1);
    graph.post(PAGE + "/messages", Secret.of("EAAG-page"), JSON.readTree(MESSENGER_TEXT));

    assertThatThrownBy(() -> graph.post(PAGE + "/messages", Secret.of("EAAG-page"), JSON.readTree(MESSENGER_TEXT)))
        .isInstanceOfSatisfying(GraphApiException.class, e -> {
          assertThat(e.code()).hasValue(613);
          assertThat(e.isThrottling()).isTrue();
        });
    // the per-account limit does not touch the WhatsApp number
    for (int i = 0; i < 5; i++) {
      sendText();
    }
  }
}
