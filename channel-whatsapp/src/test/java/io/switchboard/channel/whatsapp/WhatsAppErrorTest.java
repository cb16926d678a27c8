package io.switchboard.channel.whatsapp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.switchboard.graph.GraphApiException;
import io.switchboard.message.Text;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Graph error bodies (meta-api-facts.md §5) surface as GraphApiException; token errors are reported. */
class WhatsAppErrorTest extends WhatsAppTestBase {

  private static String error(int code, String trace) {
    return """
        {"error":{"message":"(#%d) something","type":"OAuthException","code":%d,
          "error_data":{"messaging_product":"whatsapp","details":"details of %d"},"fbtrace_id":"%s"}}"""
        .formatted(code, code, code, trace);
  }

  private GraphApiException sendFailing(int http, int code) {
    enqueueJson(http, error(code, "AbC" + code));
    return catchThrowableOfType(GraphApiException.class,
        () -> channel.send(connection, FakeChannelContext.tokenFor(PHONE_ID), request("+16505551234", Text.of("hi"))));
  }

  @Test
  void send_reengagementError_notRetryable() {
    GraphApiException e = sendFailing(400, 131047);

    assertThat(e.code()).hasValue(131047);
    assertThat(e.fbtraceId()).contains("AbC131047");
    assertThat(e.details()).contains("details of 131047");
    assertThat(e.httpStatus()).isEqualTo(400);
    assertThat(e.retryable()).isFalse();
  }

  @Test
  void send_throughputError_retryable() {
    GraphApiException e = sendFailing(400, 130429);

    assertThat(e.code()).hasValue(130429);
    assertThat(e.fbtraceId()).contains("AbC130429");
    assertThat(e.retryable()).isTrue();
    assertThat(e.isThrottling()).isTrue();
  }

  @Test
  void send_pairRateLimit_retryable_undeliverable_not() {
    assertThat(sendFailing(400, 131056).retryable()).isTrue();
    assertThat(sendFailing(400, 131026).retryable()).isFalse();
    assertThat(sendFailing(500, 131000).retryable()).isTrue();
  }

  @Test
  void send_expiredToken_isAuthError() {
    GraphApiException e = sendFailing(401, 190);

    assertThat(e.isAuthError()).isTrue();
    assertThat(e.retryable()).isFalse();
  }

  @Test
  void markRead_expiredToken_reportsAuthFailureAndRethrows() {
    enqueueJson(401, error(190, "T190"));

    GraphApiException e = catchThrowableOfType(GraphApiException.class,
        () -> channel.markRead(TENANT, Optional.empty(), "wamid.1"));

    assertThat(e.code()).hasValue(190);
    assertThat(context.authFailures).containsExactly(connection);
  }

  @Test
  void templatesList_expiredToken_reportsAuthFailure() {
    enqueueJson(401, error(190, "T190"));

    catchThrowableOfType(GraphApiException.class,
        () -> channel.templates().list(TENANT, Optional.empty(), TemplateQuery.all()));

    assertThat(context.authFailures).containsExactly(connection);
  }

  @Test
  void mediaDelete_nonAuthError_doesNotReportAuthFailure() {
    enqueueJson(400, error(100, "T100"));

    GraphApiException e = catchThrowableOfType(GraphApiException.class,
        () -> channel.media().delete(TENANT, Optional.empty(), "123"));

    assertThat(e.code()).hasValue(100);
    assertThat(context.authFailures).isEmpty();
  }
}
