package io.switchboard.channel.messenger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.switchboard.SwitchboardException;
import io.switchboard.TenantId;
import io.switchboard.ValidationException;
import java.util.Optional;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Sender actions, profile lookup with its cache, and app subscription. */
class MessengerOperationsTest extends MessengerTestBase {

  private static final String PROFILE_TARGET = "/v26.0/" + PSID + "?fields=first_name%2Clast_name%2Cprofile_pic";

  @ParameterizedTest
  @EnumSource(SenderAction.class)
  void senderAction(SenderAction action) throws Exception {
    enqueueJson(200, "{\"recipient_id\":\"" + PSID + "\"}");

    channel.senderAction(TENANT, Optional.empty(), PSID, action);

    assertJsonRequest("POST", "/v26.0/" + PAGE_ID + "/messages",
        "{\"recipient\":{\"id\":\"" + PSID + "\"},\"sender_action\":\"" + action.name().toLowerCase() + "\"}");
  }

  @Test
  void senderAction_namedPage_andBadPsid() throws Exception {
    enqueueJson(200, "{}");
    channel.senderAction(TENANT, Optional.of(PAGE_ID), PSID, SenderAction.TYPING_ON);
    assertThat(take().getTarget()).isEqualTo("/v26.0/" + PAGE_ID + "/messages");

    assertThatThrownBy(() -> channel.senderAction(TENANT, Optional.empty(), "+1555", SenderAction.MARK_SEEN))
        .isInstanceOf(ValidationException.class).hasMessageContaining("recipient.id");
    assertThat(server.getRequestCount()).isEqualTo(1);
  }

  private void enqueueProfile(String first) {
    enqueueJson(200, """
        {"first_name":"%s","last_name":"Lovelace","profile_pic":"https://cdn.example.com/p/ada.jpg","id":"%s"}"""
        .formatted(first, PSID));
  }

  @Test
  void profile_getsNamesAndPicture() throws Exception {
    enqueueProfile("Ada");

    MessengerProfile p = channel.profile(TENANT, Optional.empty(), PSID);

    assertThat(p).isEqualTo(new MessengerProfile(
        PSID, Optional.of("Ada"), Optional.of("Lovelace"), Optional.of("https://cdn.example.com/p/ada.jpg")));
    assertThat(p.fullName()).contains("Ada Lovelace");
    RecordedRequest r = take();
    assertThat(r.getMethod()).isEqualTo("GET");
    assertThat(r.getTarget()).isEqualTo(PROFILE_TARGET);
    assertThat(r.getUrl().queryParameter("fields")).isEqualTo("first_name,last_name,profile_pic");
    assertThat(r.getHeaders().get("Authorization")).isEqualTo(BEARER);
  }

  @Test
  void profile_withheldFields_areEmpty() {
    enqueueJson(200, "{\"id\":\"" + PSID + "\",\"first_name\":\"\"}");

    MessengerProfile p = channel.profile(TENANT, Optional.empty(), PSID);

    assertThat(p.firstName()).isEmpty();
    assertThat(p.lastName()).isEmpty();
    assertThat(p.profilePicUrl()).isEmpty();
    assertThat(p.fullName()).isEmpty();
  }

  @Test
  void profile_cachedWithinTtl_oneHttpCallForTwoLookups() {
    enqueueProfile("Ada");

    MessengerProfile first = channel.profile(TENANT, Optional.empty(), PSID);
    context.clock.advance(MessengerConfig.DEFAULT_PROFILE_CACHE_TTL.minusSeconds(1));
    MessengerProfile second = channel.profile(TENANT, Optional.of(PAGE_ID), PSID);

    assertThat(second).isEqualTo(first);
    assertThat(server.getRequestCount()).isEqualTo(1);
  }

  @Test
  void profile_expiresAfterTtl_byTheContextClock() {
    enqueueProfile("Ada");
    enqueueProfile("Augusta");

    channel.profile(TENANT, Optional.empty(), PSID);
    context.clock.advance(MessengerConfig.DEFAULT_PROFILE_CACHE_TTL);
    MessengerProfile refreshed = channel.profile(TENANT, Optional.empty(), PSID);

    assertThat(refreshed.firstName()).contains("Augusta");
    assertThat(server.getRequestCount()).isEqualTo(2);
  }

  @Test
  void profile_cachedPerPage() throws Exception {
    String otherPage = "300000000000002";
    TenantId globex = TenantId.of("globex");
    context.addPage(globex, otherPage);
    enqueueProfile("Ada");
    enqueueProfile("Ada");

    channel.profile(TENANT, Optional.empty(), PSID);
    channel.profile(globex, Optional.empty(), PSID);

    assertThat(server.getRequestCount()).isEqualTo(2);
    take();
    assertThat(take().getHeaders().get("Authorization")).isEqualTo("Bearer EAAG-page-token-" + otherPage);
  }

  @Test
  void profile_failuresAreNotCached() {
    enqueueJson(400, "{\"error\":{\"message\":\"User consent is required\",\"type\":\"OAuthException\",\"code\":100}}");
    enqueueProfile("Ada");

    assertThatThrownBy(() -> channel.profile(TENANT, Optional.empty(), PSID))
        .isInstanceOf(io.switchboard.graph.GraphApiException.class);
    assertThat(channel.profile(TENANT, Optional.empty(), PSID).firstName()).contains("Ada");
    assertThat(server.getRequestCount()).isEqualTo(2);
  }

  @Test
  void subscribeApp_postsConfiguredFields() throws Exception {
    enqueueJson(200, "{\"success\":true}");

    channel.subscribeApp(TENANT, Optional.empty());

    assertJsonRequest("POST", "/v26.0/" + PAGE_ID + "/subscribed_apps?subscribed_fields=messages%2Cmessaging_postbacks"
        + "%2Cmessage_deliveries%2Cmessage_reads%2Cmessage_echoes%2Cmessage_reactions%2Cmessaging_referrals", "{}");
  }

  @Test
  void subscribeApp_successFalse_isAClearError() {
    enqueueJson(200, "{\"success\":false}");

    assertThatThrownBy(() -> channel.subscribeApp(TENANT, Optional.empty()))
        .isInstanceOf(SwitchboardException.class)
        .hasMessageContaining("did not confirm")
        .hasMessageContaining(PAGE_ID);
  }

  @Test
  void subscribeApp_answerWithoutSuccess_isAClearError() {
    enqueueJson(200, "{}");

    assertThatThrownBy(() -> channel.subscribeApp(TENANT, Optional.empty()))
        .isInstanceOf(SwitchboardException.class)
        .hasMessageContaining("did not confirm");
  }

  @Test
  void unboundChannel_refusesToWork() {
    MessengerChannel unbound = MessengerChannel.create();
    assertThatThrownBy(() -> unbound.profile(TENANT, Optional.empty(), PSID))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("register");
    assertThatThrownBy(() -> channel.bind(context))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("already registered");
  }
}
