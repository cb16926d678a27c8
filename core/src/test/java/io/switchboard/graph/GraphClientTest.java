package io.switchboard.graph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.switchboard.ConfigurationException;
import io.switchboard.Secret;
import io.switchboard.TransportException;
import java.time.Duration;
import java.util.Map;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class GraphClientTest {

  private static final Secret TOKEN = Secret.of("EAAG-secret");

  @StartStop private final MockWebServer server = new MockWebServer();

  private GraphClient client() {
    return GraphClient.builder().baseUrl(server.url("/").toString()).build();
  }

  @Test
  void post_sendsVersionedPathBearerAndJson() throws Exception {
    server.enqueue(new MockResponse.Builder().body("{\"ok\":true}").build());
    var body = new ObjectMapper().createObjectNode().put("a", 1);

    assertThat(client().post("123/messages", TOKEN, body).path("ok").asBoolean()).isTrue();

    RecordedRequest r = server.takeRequest();
    assertThat(r.getMethod()).isEqualTo("POST");
    assertThat(r.getTarget()).isEqualTo("/v26.0/123/messages");
    assertThat(r.getHeaders().get("Authorization")).isEqualTo("Bearer EAAG-secret");
    assertThat(r.getHeaders().get("Content-Type")).startsWith("application/json");
    assertThat(r.getBody().utf8()).isEqualTo("{\"a\":1}");
  }

  @Test
  void get_configuredVersionAndQueryParameters() throws Exception {
    server.enqueue(new MockResponse.Builder().body("{}").build());
    GraphClient c = GraphClient.builder().baseUrl(server.url("/").toString()).version("v25.0").build();
    c.get("/999", TOKEN, Map.of("fields", "throughput"));
    assertThat(server.takeRequest().getTarget()).isEqualTo("/v25.0/999?fields=throughput");
  }

  @Test
  void error_graphBody_parsedIntoException() {
    server.enqueue(new MockResponse.Builder().code(400).body(
        "{\"error\":{\"message\":\"(#131047) Re-engagement message\",\"type\":\"OAuthException\",\"code\":131047,"
            + "\"error_data\":{\"messaging_product\":\"whatsapp\",\"details\":\"more than 24 hours\"},"
            + "\"fbtrace_id\":\"AbC123\"}}").build());

    assertThatThrownBy(() -> client().get("1", TOKEN, Map.of()))
        .isInstanceOfSatisfying(GraphApiException.class, e -> {
          assertThat(e.httpStatus()).isEqualTo(400);
          assertThat(e.code()).hasValue(131047);
          assertThat(e.type()).contains("OAuthException");
          assertThat(e.details()).contains("more than 24 hours");
          assertThat(e.fbtraceId()).contains("AbC123");
          assertThat(e.retryable()).isFalse();
          assertThat(e.getMessage()).contains("131047").contains("AbC123").doesNotContain("EAAG-secret");
        });
  }

  @ParameterizedTest
  @CsvSource({
    "400,4,true", "400,17,true", "400,32,true", "400,613,true", "400,80007,true", "400,130429,true",
    "400,131056,true", "400,131057,true", "500,1,true", "503,2,true", "500,131000,true",
    "400,100,false", "400,131026,false", "400,131047,false", "400,131051,false", "401,190,false",
    "403,200,false", "403,10,false", "400,132001,false", "500,100,false"
  })
  void retryable_followsMetaErrorTable(int status, int code, boolean retryable) {
    server.enqueue(new MockResponse.Builder().code(status)
        .body("{\"error\":{\"message\":\"x\",\"code\":" + code + "}}").build());
    assertThatThrownBy(() -> client().get("1", TOKEN, Map.of()))
        .isInstanceOfSatisfying(GraphApiException.class, e -> assertThat(e.retryable()).isEqualTo(retryable));
  }

  @Test
  void error_noGraphBody_classifiedByStatus() {
    server.enqueue(new MockResponse.Builder().code(502).body("<html>bad gateway</html>").build());
    assertThatThrownBy(() -> client().get("1", TOKEN, Map.of()))
        .isInstanceOfSatisfying(GraphApiException.class, e -> {
          assertThat(e.code()).isEmpty();
          assertThat(e.retryable()).isTrue();
        });
  }

  @Test
  void error_retryAfterHeader_exposed() {
    server.enqueue(new MockResponse.Builder().code(429).addHeader("Retry-After", "7")
        .body("{\"error\":{\"message\":\"slow down\",\"code\":130429}}").build());
    assertThatThrownBy(() -> client().get("1", TOKEN, Map.of()))
        .isInstanceOfSatisfying(GraphApiException.class, e -> {
          assertThat(e.isThrottling()).isTrue();
          assertThat(e.retryAfter()).contains(Duration.ofSeconds(7));
        });
  }

  @Test
  void error_businessUseCaseHeader_givesRegainEstimate() {
    server.enqueue(new MockResponse.Builder().code(400)
        .addHeader("X-Business-Use-Case-Usage",
            "{\"1234\":[{\"type\":\"messenger\",\"call_count\":100,\"estimated_time_to_regain_access\":3}]}")
        .body("{\"error\":{\"message\":\"limit\",\"code\":80006}}").build());
    assertThatThrownBy(() -> client().get("1", TOKEN, Map.of()))
        .isInstanceOfSatisfying(GraphApiException.class, e -> assertThat(e.retryAfter()).contains(Duration.ofMinutes(3)));
  }

  @Test
  void transportFailure_isRetryableTransportException() throws Exception {
    String url = server.url("/").toString();
    server.close(); // nothing listens any more: connection refused
    GraphClient c = GraphClient.builder().baseUrl(url).build();
    assertThatThrownBy(() -> c.get("1", TOKEN, Map.of()))
        .isInstanceOfSatisfying(TransportException.class, e -> {
          assertThat(e.retryable()).isTrue();
          assertThat(e.getMessage()).contains("GET /v26.0/1").doesNotContain("EAAG-secret");
        });
  }

  @Test
  void download_withinCap_returnsBytesAndSendsBearer() throws Exception {
    server.enqueue(new MockResponse.Builder().addHeader("Content-Type", "image/jpeg").body("JPEGDATA").build());
    MediaDownload d = client().download(server.url("/media/abc?x=1").toString(), TOKEN, 100);
    assertThat(new String(d.bytes())).isEqualTo("JPEGDATA");
    assertThat(d.contentType()).contains("image/jpeg");
    assertThat(server.takeRequest().getHeaders().get("Authorization")).isEqualTo("Bearer EAAG-secret");
  }

  @Test
  void download_overCap_refused() {
    server.enqueue(new MockResponse.Builder().body("0123456789ABCDEF").build());
    assertThatThrownBy(() -> client().download(server.url("/m").toString(), TOKEN, 10))
        .isInstanceOf(MediaTooLargeException.class);
  }

  @Test
  void builder_invalidSettings_reportedTogether() {
    assertThatThrownBy(() -> GraphClient.builder().baseUrl("not a url").version("26").build())
        .isInstanceOfSatisfying(ConfigurationException.class, e -> assertThat(e.violations()).hasSize(2));
  }
}
