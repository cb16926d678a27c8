package io.switchboard.channel.whatsapp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.switchboard.ConnectionNotFoundException;
import io.switchboard.TenantId;
import io.switchboard.ValidationException;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Read receipts and typing indicator (meta-api-facts.md §3.3). */
class WhatsAppReadReceiptTest extends WhatsAppTestBase {

  @Test
  void markRead_postsStatusRead() throws Exception {
    enqueueJson(200, "{\"success\":true}");

    channel.markRead(TENANT, Optional.empty(), "wamid.IN1");

    assertJsonRequest("POST", "/v26.0/" + PHONE_ID + "/messages", """
        {"messaging_product":"whatsapp","status":"read","message_id":"wamid.IN1"}""");
  }

  @Test
  void showTypingIndicator_addsTypingIndicator() throws Exception {
    enqueueJson(200, "{\"success\":true}");

    channel.showTypingIndicator(TENANT, Optional.of(PHONE_ID), "wamid.IN1");

    assertJsonRequest("POST", "/v26.0/" + PHONE_ID + "/messages", """
        {"messaging_product":"whatsapp","status":"read","message_id":"wamid.IN1",
         "typing_indicator":{"type":"text"}}""");
  }

  @Test
  void markRead_namedNumber_usesThatNumbersPathAndToken() throws Exception {
    context.addWhatsApp(TENANT, "200000000000001", Map.of());
    enqueueJson(200, "{\"success\":true}");

    channel.markRead(TENANT, Optional.of("200000000000001"), "wamid.IN2");

    var r = take();
    assertThat(r.getTarget()).isEqualTo("/v26.0/200000000000001/messages");
    assertThat(r.getHeaders().get("Authorization")).isEqualTo("Bearer EAAG-token-200000000000001");
  }

  @Test
  void markRead_blankMessageId_rejectedWithoutRequest() {
    assertThatThrownBy(() -> channel.markRead(TENANT, Optional.empty(), " "))
        .isInstanceOf(ValidationException.class);
    assertNoRequest();
  }

  @Test
  void markRead_unknownTenant_throwsConnectionNotFound() {
    assertThatThrownBy(() -> channel.markRead(TenantId.of("nobody"), Optional.empty(), "wamid.1"))
        .isInstanceOf(ConnectionNotFoundException.class);
    assertNoRequest();
  }

  @Test
  void operations_beforeBind_throwIllegalState() {
    WhatsAppChannel unbound = WhatsAppChannel.create();
    assertThatThrownBy(() -> unbound.markRead(TENANT, Optional.empty(), "wamid.1"))
        .isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> unbound.templates().list(TENANT, Optional.empty(), TemplateQuery.all()))
        .isInstanceOf(IllegalStateException.class);
  }
}
