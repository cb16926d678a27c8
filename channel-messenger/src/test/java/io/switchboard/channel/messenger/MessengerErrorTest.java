package io.switchboard.channel.messenger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.switchboard.graph.GraphApiException;
import io.switchboard.message.Text;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Send API errors (meta-api-facts.md §4.3, §5) surface as GraphApiException; token errors are reported. */
class MessengerErrorTest extends MessengerTestBase {

  private static String error(int code, Integer subcode) {
    return """
        {"error":{"message":"(#%d) something","type":"OAuthException","code":%d,%s"fbtrace_id":"Tr%d"}}"""
        .formatted(code, code, subcode == null ? "" : "\"error_subcode\":" + subcode + ",", code);
  }

  private GraphApiException sendFailing(int http, int code, Integer subcode) {
    enqueueJson(http, error(code, subcode));
    return catchThrowableOfType(GraphApiException.class, () -> send(request(Text.of("hi"))));
  }

  @Test
  void personUnavailable551_notRetryable() {
    GraphApiException e = sendFailing(400, 551, 1545041);

    assertThat(e.code()).hasValue(551);
    assertThat(e.subcode()).hasValue(1545041);
    assertThat(e.fbtraceId()).contains("Tr551");
    assertThat(e.retryable()).isFalse();
    assertThat(e.isAuthError()).isFalse();
  }

  @Test
  void sendApiRateLimit613_retryableThrottling() {
    GraphApiException e = sendFailing(400, 613, null);

    assertThat(e.code()).hasValue(613);
    assertThat(e.isThrottling()).isTrue();
    assertThat(e.retryable()).isTrue();
  }

  @Test
  void deprecatedTagOrBadParameter100_notRetryable() {
    assertThat(sendFailing(400, 100, null).retryable()).isFalse();
  }

  @Test
  void permissionErrors_notRetryable() {
    assertThat(sendFailing(403, 200, null).retryable()).isFalse();
    assertThat(sendFailing(400, 10, null).retryable()).isFalse();
  }

  @Test
  void send_expiredToken_isAuthError() {
    GraphApiException e = sendFailing(401, 190, 463);

    assertThat(e.isAuthError()).isTrue();
    assertThat(e.retryable()).isFalse();
    // send() is called by Switchboard with a resolved connection; Switchboard marks it for re-auth.
    assertThat(context.authFailures).isEmpty();
  }

  @Test
  void senderAction_expiredToken_reportsAuthFailureAndRethrows() {
    enqueueJson(401, error(190, 463));

    GraphApiException e = catchThrowableOfType(GraphApiException.class,
        () -> channel.senderAction(TENANT, Optional.empty(), PSID, SenderAction.TYPING_ON));

    assertThat(e.code()).hasValue(190);
    assertThat(context.authFailures).containsExactly(page);
  }

  @Test
  void profile_expiredToken_reportsAuthFailure() {
    enqueueJson(401, error(190, 460));

    catchThrowableOfType(GraphApiException.class, () -> channel.profile(TENANT, Optional.empty(), PSID));

    assertThat(context.authFailures).containsExactly(page);
  }

  @Test
  void subscribeApp_expiredToken_reportsAuthFailure_otherErrorsDoNot() {
    enqueueJson(400, error(200, null));
    catchThrowableOfType(GraphApiException.class, () -> channel.subscribeApp(TENANT, Optional.empty()));
    assertThat(context.authFailures).isEmpty();

    enqueueJson(401, error(190, null));
    catchThrowableOfType(GraphApiException.class, () -> channel.subscribeApp(TENANT, Optional.empty()));
    assertThat(context.authFailures).containsExactly(page);
  }
}
