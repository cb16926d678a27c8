package io.switchboard.channel.instagram;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.switchboard.SwitchboardException;
import io.switchboard.ValidationException;
import io.switchboard.graph.GraphApiException;
import io.switchboard.message.Text;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Profile lookup (with its cache), webhook subscription and Graph errors, on both setups. */
class InstagramOperationsTest extends InstagramTestBase {

  private static final String PROFILE_QUERY = "?fields=name%2Cusername%2Cprofile_pic%2Cfollower_count"
      + "%2Cis_user_follow_business%2Cis_business_follow_user%2Cis_verified_user";

  private static final String PROFILE_JSON = """
      {"id":"1234567890000001","name":"Jane Customer","username":"jane.customer",
       "profile_pic":"https://lookaside.example/ig/jane.jpg","follower_count":1234,
       "is_user_follow_business":true,"is_business_follow_user":false,"is_verified_user":false}""";

  private static final String TOKEN_EXPIRED = """
      {"error":{"message":"Error validating access token: Session has expired","type":"OAuthException",
       "code":190,"error_subcode":463,"fbtrace_id":"TRACE_PLACEHOLDER"}}""";

  private static final String RATE_LIMITED = """
      {"error":{"message":"(#613) Calls to this api have exceeded the rate limit.","type":"OAuthException",
       "code":613,"fbtrace_id":"TRACE_PLACEHOLDER"}}""";

  private RecordedRequest assertGet(Setup setup, String target) throws Exception {
    RecordedRequest r = take(server(setup));
    assertThat(r.getMethod()).isEqualTo("GET");
    assertThat(r.getTarget()).isEqualTo(target);
    assertThat(r.getHeaders().get("Authorization")).isEqualTo(bearer(setup));
    assertThat(otherServer(setup).getRequestCount()).as("requests on the other host").isZero();
    return r;
  }

  // ------------------------------------------------------------------ profile

  @ParameterizedTest
  @EnumSource(Setup.class)
  void profile_readsEveryFieldFromTheSetupsHost(Setup setup) throws Exception {
    enqueueJson(server(setup), 200, PROFILE_JSON);

    InstagramProfile p = channel.profile(tenant(setup), Optional.empty(), CUSTOMER);

    assertGet(setup, "/" + V + "/" + CUSTOMER + PROFILE_QUERY);
    assertThat(p).isEqualTo(new InstagramProfile(CUSTOMER, Optional.of("Jane Customer"), Optional.of("jane.customer"),
        Optional.of("https://lookaside.example/ig/jane.jpg"), OptionalLong.of(1234), Optional.of(true),
        Optional.of(false), Optional.of(false)));
  }

  @Test
  void profile_missingFields_areEmpty() {
    enqueueJson(instagram, 200, "{\"id\":\"" + CUSTOMER + "\"}");

    InstagramProfile p = channel.profile(IG_TENANT, Optional.of(IG_ACCOUNT), CUSTOMER);

    assertThat(p.name()).isEmpty();
    assertThat(p.followerCount()).isEmpty();
    assertThat(p.isVerifiedUser()).isEmpty();
  }

  @Test
  void profile_secondLookupWithinTtl_isServedFromCache() throws Exception {
    enqueueJson(instagram, 200, PROFILE_JSON);

    InstagramProfile first = channel.profile(IG_TENANT, Optional.empty(), CUSTOMER);
    context.advance(Duration.ofMinutes(59));
    InstagramProfile second = channel.profile(IG_TENANT, Optional.empty(), CUSTOMER);

    assertThat(second).isEqualTo(first);
    assertThat(instagram.getRequestCount()).isEqualTo(1);
  }

  @Test
  void profile_afterTtl_isFetchedAgain() throws Exception {
    enqueueJson(instagram, 200, PROFILE_JSON);
    enqueueJson(instagram, 200, PROFILE_JSON.replace("Jane Customer", "Jane C."));

    channel.profile(IG_TENANT, Optional.empty(), CUSTOMER);
    context.advance(InstagramConfig.DEFAULT_PROFILE_CACHE_TTL.plusSeconds(1));
    InstagramProfile refreshed = channel.profile(IG_TENANT, Optional.empty(), CUSTOMER);

    assertThat(refreshed.name()).contains("Jane C.");
    assertThat(instagram.getRequestCount()).isEqualTo(2);
  }

  @Test
  void profile_cacheIsPerAccount() {
    enqueueJson(instagram, 200, PROFILE_JSON);
    enqueueJson(facebook, 200, PROFILE_JSON);

    channel.profile(IG_TENANT, Optional.empty(), CUSTOMER);
    channel.profile(FB_TENANT, Optional.empty(), CUSTOMER);

    assertThat(instagram.getRequestCount()).isEqualTo(1);
    assertThat(facebook.getRequestCount()).isEqualTo(1);
  }

  @Test
  void profile_failedLookup_isNotCached() {
    enqueueJson(instagram, 400, """
        {"error":{"message":"User consent is required to access user profile","type":"OAuthException","code":230}}""");
    enqueueJson(instagram, 200, PROFILE_JSON);

    assertThatThrownBy(() -> channel.profile(IG_TENANT, Optional.empty(), CUSTOMER))
        .isInstanceOf(GraphApiException.class);
    assertThat(channel.profile(IG_TENANT, Optional.empty(), CUSTOMER).username()).contains("jane.customer");
    assertThat(context.authFailures).isEmpty();
  }

  @Test
  void profile_idThatIsNotAGraphId_isRefusedWithoutRequest() {
    assertThatThrownBy(() -> channel.profile(IG_TENANT, Optional.empty(), "123/../me"))
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("igsid");
    assertNoRequest();
  }

  @ParameterizedTest
  @EnumSource(Setup.class)
  void profile_expiredToken_reportsAuthFailureAndRethrows(Setup setup) {
    enqueueJson(server(setup), 400, TOKEN_EXPIRED);

    assertThatThrownBy(() -> channel.profile(tenant(setup), Optional.empty(), CUSTOMER))
        .isInstanceOfSatisfying(GraphApiException.class, e -> {
          assertThat(e.isAuthError()).isTrue();
          assertThat(e.subcode()).hasValue(463);
        });
    assertThat(context.authFailures).containsExactly(connection(setup));
  }

  @Test
  void profile_withCachingDisabled_alwaysAsks() {
    InstagramChannel uncached = InstagramChannel.create(InstagramConfig.builder()
        .instagramGraphBaseUrl(instagram.url("/").toString()).profileCacheTtl(Duration.ZERO).build());
    uncached.bind(context);
    enqueueJson(instagram, 200, PROFILE_JSON);
    enqueueJson(instagram, 200, PROFILE_JSON);

    uncached.profile(IG_TENANT, Optional.empty(), CUSTOMER);
    uncached.profile(IG_TENANT, Optional.empty(), CUSTOMER);

    assertThat(instagram.getRequestCount()).isEqualTo(2);
  }

  // ------------------------------------------------------------------ subscribeApp

  @Test
  void subscribeApp_instagramLogin_postsToMeOnInstagramHost() throws Exception {
    enqueueJson(instagram, 200, "{\"success\":true}");

    channel.subscribeApp(IG_TENANT, Optional.empty());

    assertJsonRequest(Setup.INSTAGRAM_LOGIN, "POST", "/" + V + "/me/subscribed_apps?subscribed_fields="
        + "messages%2Cmessaging_postbacks%2Cmessaging_seen%2Cmessage_reactions%2Cmessaging_referral", "{}");
  }

  @Test
  void subscribeApp_facebookLogin_postsToThePageWithPageToken() throws Exception {
    enqueueJson(facebook, 200, "{\"success\":true}");

    channel.subscribeApp(FB_TENANT, Optional.of(FB_ACCOUNT));

    assertJsonRequest(Setup.FACEBOOK_LOGIN, "POST", "/" + V + "/" + PAGE + "/subscribed_apps?subscribed_fields="
        + "messages%2Cmessaging_postbacks%2Cmessaging_seen%2Cmessage_reactions%2Cmessaging_referral", "{}");
  }

  @Test
  void subscribeApp_configuredFields_areSent() throws Exception {
    InstagramChannel custom = InstagramChannel.create(InstagramConfig.builder()
        .instagramGraphBaseUrl(instagram.url("/").toString()).subscribedFields(List.of("messages", "comments")).build());
    custom.bind(context);
    enqueueJson(instagram, 200, "{\"success\":true}");

    custom.subscribeApp(IG_TENANT, Optional.empty());

    assertJsonRequest(Setup.INSTAGRAM_LOGIN, "POST", "/" + V + "/me/subscribed_apps?subscribed_fields=messages%2Ccomments", "{}");
  }

  @Test
  void subscribeApp_withoutSuccess_throws() {
    enqueueJson(facebook, 200, "{\"success\":false}");

    assertThatThrownBy(() -> channel.subscribeApp(FB_TENANT, Optional.empty()))
        .isInstanceOf(SwitchboardException.class)
        .hasMessageContaining("did not confirm");
  }

  @ParameterizedTest
  @EnumSource(Setup.class)
  void subscribeApp_expiredToken_reportsAuthFailure(Setup setup) {
    enqueueJson(server(setup), 400, TOKEN_EXPIRED);

    assertThatThrownBy(() -> channel.subscribeApp(tenant(setup), Optional.empty()))
        .isInstanceOf(GraphApiException.class);
    assertThat(context.authFailures).containsExactly(connection(setup));
  }

  // ------------------------------------------------------------------ send errors

  @ParameterizedTest
  @EnumSource(Setup.class)
  void send_expiredToken_isAnAuthErrorAndNotRetryable(Setup setup) {
    enqueueJson(server(setup), 400, TOKEN_EXPIRED);

    assertThatThrownBy(() -> channel.send(connection(setup), context.accessToken(connection(setup)),
        request(setup, Text.of("hi"))))
        .isInstanceOfSatisfying(GraphApiException.class, e -> {
          assertThat(e.isAuthError()).isTrue();
          assertThat(e.retryable()).isFalse();
          assertThat(e.code()).hasValue(190);
        });
    // Switchboard.send marks the connection itself; the adapter does not report twice
    assertThat(context.authFailures).isEmpty();
  }

  @ParameterizedTest
  @EnumSource(Setup.class)
  void send_rateLimited_isRetryableThrottling(Setup setup) {
    enqueueJson(server(setup), 400, RATE_LIMITED);

    assertThatThrownBy(() -> channel.send(connection(setup), context.accessToken(connection(setup)),
        request(setup, Text.of("hi"))))
        .isInstanceOfSatisfying(GraphApiException.class, e -> {
          assertThat(e.code()).hasValue(613);
          assertThat(e.retryable()).isTrue();
          assertThat(e.isThrottling()).isTrue();
          assertThat(e.isAuthError()).isFalse();
        });
  }
}
