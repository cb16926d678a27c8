package io.switchboard.testkit.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.switchboard.ChannelType;
import io.switchboard.Secret;
import io.switchboard.Switchboard;
import io.switchboard.TenantId;
import io.switchboard.channel.whatsapp.WhatsAppChannel;
import io.switchboard.connection.ChannelConnection;
import io.switchboard.connection.ConnectRequest;
import io.switchboard.crypto.Keyring;
import io.switchboard.event.InboundEvent;
import io.switchboard.event.MessageReceived;
import io.switchboard.event.StatusChanged;
import io.switchboard.message.DeliveryStatus;
import io.switchboard.message.SendRequest;
import io.switchboard.message.Text;
import io.switchboard.outbox.MessageHandle;
import io.switchboard.outbox.OutboundMessage;
import io.switchboard.testkit.MutableClock;
import io.switchboard.testkit.WebhookHost;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A real Switchboard (core + WhatsAppChannel) against the emulator: the host's webhook servlet on
 * Jetty receives a customer's message, the host replies through the outbox, the emulator records
 * the reply with the tenant's token, and the emulator's status callbacks move it to READ.
 */
class SwitchboardEndToEndTest {

  private static final Secret APP_SECRET = Secret.of("one-meta-app-secret");
  private static final TenantId ACME = TenantId.of("acme");
  private static final String PHONE = "106540352242922";
  private static final String WABA = "102290129340398";
  private static final String TOKEN = "EAAG-token-of-acme";

  private final MutableClock clock = MutableClock.at("2026-11-22T10:00:00Z");
  private final List<InboundEvent> events = Collections.synchronizedList(new ArrayList<>());
  private MetaEmulator emulator;
  private Switchboard switchboard;
  private WebhookHost host;

  @BeforeEach
  void setUp() throws Exception {
    emulator = MetaEmulator.builder().appSecret(APP_SECRET).clock(clock).build().start();
    emulator.whatsAppNumber(PHONE, WABA, TOKEN);

    switchboard = Switchboard.builder()
        .appSecret(APP_SECRET)
        .verifyToken(Secret.of("verify"))
        .keyring(Keyring.builder().primary("k1", Keyring.generateKeyBase64()).build())
        .channel(WhatsAppChannel.create())
        .inMemoryStores()
        .clock(clock)
        .graphBaseUrl(emulator.baseUrl())
        .eventHandler((tenant, event) -> events.add(event))
        .build();
    switchboard.connections().connect(ConnectRequest.builder()
        .tenant(ACME).channel(ChannelType.WHATSAPP).accountId(PHONE)
        .attribute(ChannelConnection.WABA_ID, WABA)
        .accessToken(Secret.of(TOKEN)).build());

    host = WebhookHost.start(switchboard.webhooks());
    emulator.webhookTarget(host.endpoint());
  }

  @AfterEach
  void tearDown() throws Exception {
    host.close();
    switchboard.close();
    emulator.close();
  }

  @Test
  void customerWrites_hostReplies_statusesMoveTheReplyToRead() {
    String inbound = emulator.whatsAppCustomer(PHONE, "16505551234", "Ana Lima").sendsText("Is the blue one in stock?");
    switchboard.inbox().dispatchDue();

    MessageReceived received = (MessageReceived) events.stream()
        .filter(MessageReceived.class::isInstance).findFirst().orElseThrow();
    assertThat(received.externalId()).isEqualTo(inbound);
    assertThat(received.accountId()).isEqualTo(PHONE);
    assertThat(received.from().id()).isEqualTo("16505551234");
    assertThat(received.from().name()).hasValue("Ana Lima");

    MessageHandle handle = switchboard.send(SendRequest.builder()
        .tenant(ACME).channel(ChannelType.WHATSAPP)
        .to(received.from().id()).replyTo(received.externalId())
        .content(Text.of("Yes, it is!"))
        .callbackData("order:860198")
        .build());
    assertThat(switchboard.outbox().dispatchDue()).isEqualTo(1);

    RecordedRequest reply = emulator.takeRequest(Duration.ofSeconds(5));
    assertThat(reply.method()).isEqualTo("POST");
    assertThat(reply.path()).isEqualTo("/v26.0/" + PHONE + "/messages");
    assertThat(reply.token()).hasValue(TOKEN);
    assertThat(reply.account()).hasValue(PHONE);
    assertThat(reply.status()).isEqualTo(200);
    JsonNode body = reply.json();
    assertThat(body.path("to").asText()).isEqualTo("+16505551234");
    assertThat(body.path("text").path("body").asText()).isEqualTo("Yes, it is!");
    assertThat(body.path("context").path("message_id").asText()).isEqualTo(inbound);
    String wamid = reply.response().path("messages").get(0).path("id").asText();

    OutboundMessage sent = switchboard.outbox().find(handle.id()).orElseThrow();
    assertThat(sent.status()).isEqualTo(DeliveryStatus.SENT);
    assertThat(sent.externalId()).hasValue(wamid);

    assertThat(emulator.deliverPendingStatuses()).isEqualTo(3);
    assertThat(emulator.webhookDeliveries()).extracting(WebhookDelivery::status).containsOnly(200);
    switchboard.inbox().dispatchDue();

    assertThat(switchboard.outbox().find(handle.id()).orElseThrow().status()).isEqualTo(DeliveryStatus.READ);
    assertThat(events.stream().filter(StatusChanged.class::isInstance).map(e -> ((StatusChanged) e).status()))
        .containsExactly(DeliveryStatus.SENT, DeliveryStatus.DELIVERED, DeliveryStatus.READ);
    assertThat(switchboard.inbox().unroutable(10)).isEmpty();
  }

  @Test
  void throttledSend_isRetriedByTheOutbox_afterTheWindowPasses() {
    emulator.whatsAppCustomer(PHONE, "16505551234", "Ana").sendsText("hi");
    switchboard.inbox().dispatchDue();
    emulator.failNext(1, 400, 130429);

    MessageHandle handle = switchboard.send(SendRequest.builder()
        .tenant(ACME).channel(ChannelType.WHATSAPP).to("16505551234").content(Text.of("hello")).build());
    switchboard.outbox().dispatchDue();
    assertThat(switchboard.outbox().find(handle.id()).orElseThrow().status()).isEqualTo(DeliveryStatus.QUEUED);
    assertThat(emulator.requestsTo(PHONE)).extracting(RecordedRequest::status).containsExactly(400);

    for (int i = 0; i < 20
        && switchboard.outbox().find(handle.id()).orElseThrow().status() == DeliveryStatus.QUEUED; i++) {
      clock.advance(Duration.ofSeconds(30));
      switchboard.outbox().dispatchDue();
    }
    assertThat(switchboard.outbox().find(handle.id()).orElseThrow().status()).isEqualTo(DeliveryStatus.SENT);
    assertThat(emulator.requestsTo(PHONE)).extracting(RecordedRequest::status).containsExactly(400, 200);
  }
}
