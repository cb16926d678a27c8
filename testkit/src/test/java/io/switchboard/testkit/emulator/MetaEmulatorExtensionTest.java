package io.switchboard.testkit.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.switchboard.ChannelType;
import io.switchboard.Secret;
import io.switchboard.TenantId;
import io.switchboard.channel.instagram.InstagramChannel;
import io.switchboard.channel.instagram.InstagramConfig;
import io.switchboard.channel.instagram.InstagramProfile;
import io.switchboard.channel.messenger.MessengerChannel;
import io.switchboard.channel.messenger.MessengerProfile;
import io.switchboard.channel.messenger.SenderAction;
import io.switchboard.channel.whatsapp.TemplateInfo;
import io.switchboard.channel.whatsapp.TemplateQuery;
import io.switchboard.channel.whatsapp.WhatsAppChannel;
import io.switchboard.connection.ChannelConnection;
import io.switchboard.connection.ConnectRequest;
import io.switchboard.event.InboundEvent;
import io.switchboard.event.MessageReceived;
import io.switchboard.graph.GraphApiException;
import io.switchboard.graph.MediaDownload;
import io.switchboard.message.DeliveryStatus;
import io.switchboard.message.SendRequest;
import io.switchboard.message.Text;
import io.switchboard.outbox.MessageHandle;
import io.switchboard.testkit.MutableClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The JUnit extension: an emulator and a Switchboard wired to it per test, with the real
 * Messenger, Instagram and WhatsApp channels talking to the emulator.
 */
class MetaEmulatorExtensionTest {

  private static final TenantId ACME = TenantId.of("acme");
  private static final String PAGE = "100000000000001";
  private static final String IG = "17841400000000001";
  private static final String PHONE = "106540352242922";
  private static final String WABA = "102290129340398";

  private final MutableClock clock = MutableClock.at("2026-11-22T10:00:00Z");
  private final List<InboundEvent> events = Collections.synchronizedList(new ArrayList<>());
  private final WhatsAppChannel whatsApp = WhatsAppChannel.create();
  private final MessengerChannel messenger = MessengerChannel.create();
  private InstagramChannel instagram;

  @RegisterExtension
  final MetaEmulatorExtension meta = MetaEmulatorExtension.builder()
      .appSecret(Secret.of("app-secret"))
      .emulator(b -> b.clock(clock))
      .accounts(e -> e
          .page(PAGE, "EAAG-page")
          .instagramAccount(IG, "IGAA-login")
          .whatsAppNumber(PHONE, WABA, "EAAG-wa"))
      .switchboard((builder, emulator) -> {
        instagram = InstagramChannel.create(
            InstagramConfig.builder().instagramGraphBaseUrl(emulator.instagramBaseUrl()).build());
        builder.channel(messenger).channel(instagram).channel(whatsApp)
            .eventHandler((tenant, event) -> events.add(event));
      })
      .build();

  private void connectAll() {
    var sb = meta.switchboard();
    sb.connections().connect(ConnectRequest.builder().tenant(ACME).channel(ChannelType.MESSENGER)
        .accountId(PAGE).accessToken(Secret.of("EAAG-page")).build());
    sb.connections().connect(ConnectRequest.builder().tenant(ACME).channel(ChannelType.INSTAGRAM)
        .accountId(IG).attribute(InstagramChannel.LOGIN, InstagramChannel.LOGIN_INSTAGRAM)
        .accessToken(Secret.of("IGAA-login")).build());
    sb.connections().connect(ConnectRequest.builder().tenant(ACME).channel(ChannelType.WHATSAPP)
        .accountId(PHONE).attribute(ChannelConnection.WABA_ID, WABA)
        .accessToken(Secret.of("EAAG-wa")).build());
  }

  @Test
  void extensionWiresSwitchboardToEmulator() {
    assertThat(meta.emulator().clock()).isSameAs(clock);
    assertThat(meta.switchboard().isRunning()).isFalse();
    assertThat(meta.emulator().baseUrl()).startsWith("http://127.0.0.1:");
  }

  @Test
  void messenger_customerWrites_pageReplies_watermarksMoveReplyToRead() {
    connectAll();
    meta.emulator().messengerCustomer(PAGE, "2400000000000001", "Ana", "Lima").sendsText("hello");
    meta.switchboard().inbox().dispatchDue();
    MessageReceived m = (MessageReceived) events.stream().filter(MessageReceived.class::isInstance)
        .findFirst().orElseThrow();
    assertThat(m.channel()).isEqualTo(ChannelType.MESSENGER);

    MessageHandle handle = meta.switchboard().send(SendRequest.builder().tenant(ACME)
        .channel(ChannelType.MESSENGER).to(m.from().id()).content(Text.of("hi Ana")).build());
    assertThat(meta.switchboard().outbox().dispatchDue()).isEqualTo(1);
    RecordedRequest r = meta.emulator().takeRequest(Duration.ofSeconds(5));
    assertThat(r.token()).hasValue("EAAG-page");
    assertThat(r.json().path("recipient").path("id").asText()).isEqualTo("2400000000000001");
    assertThat(r.json().path("message").path("text").asText()).isEqualTo("hi Ana");

    clock.advance(Duration.ofSeconds(1));
    assertThat(meta.emulator().deliverDueStatuses()).isEqualTo(1); // delivery
    meta.switchboard().inbox().dispatchDue();
    assertThat(meta.switchboard().outbox().find(handle.id()).orElseThrow().status())
        .isEqualTo(DeliveryStatus.DELIVERED);
    clock.advance(Duration.ofSeconds(1));
    assertThat(meta.emulator().deliverDueStatuses()).isEqualTo(1); // read watermark
    meta.switchboard().inbox().dispatchDue();
    assertThat(meta.switchboard().outbox().find(handle.id()).orElseThrow().status()).isEqualTo(DeliveryStatus.READ);
  }

  @Test
  void messenger_profileSenderActionAndSubscription_throughTheChannel() {
    connectAll();
    meta.emulator().messengerCustomer(PAGE, "2400000000000001", "Ana", "Lima");

    MessengerProfile profile = messenger.profile(ACME, Optional.empty(), "2400000000000001");
    messenger.senderAction(ACME, Optional.empty(), "2400000000000001", SenderAction.TYPING_ON);
    messenger.subscribeApp(ACME, Optional.empty());

    assertThat(profile.firstName()).hasValue("Ana");
    assertThat(profile.lastName()).hasValue("Lima");
    assertThat(meta.emulator().subscribedFields(PAGE)).isNotEmpty();
    assertThat(meta.emulator().requestsTo(PAGE)).extracting(RecordedRequest::status).containsOnly(200);
  }

  @Test
  void instagramLogin_customerWrites_replyLeavesThroughTheInstagramHost_readByMid() {
    connectAll();
    meta.emulator().instagramCustomer(IG, "990000000000001", "ana.lima").sendsText("hey");
    meta.switchboard().inbox().dispatchDue();
    MessageReceived m = (MessageReceived) events.stream().filter(MessageReceived.class::isInstance)
        .findFirst().orElseThrow();
    assertThat(m.channel()).isEqualTo(ChannelType.INSTAGRAM);

    MessageHandle handle = meta.switchboard().send(SendRequest.builder().tenant(ACME)
        .channel(ChannelType.INSTAGRAM).to(m.from().id()).content(Text.of("hi")).build());
    meta.switchboard().outbox().dispatchDue();
    RecordedRequest r = meta.emulator().takeRequest(Duration.ofSeconds(5));
    assertThat(r.host()).isEqualTo(GraphHost.INSTAGRAM);
    assertThat(r.token()).hasValue("IGAA-login");
    assertThat(r.status()).isEqualTo(200);

    InstagramProfile profile = instagram.profile(ACME, Optional.empty(), "990000000000001");
    assertThat(profile.username()).hasValue("ana.lima");
    instagram.subscribeApp(ACME, Optional.empty());
    assertThat(meta.emulator().subscribedFields(IG)).isNotEmpty();

    meta.emulator().deliverPendingStatuses();
    meta.switchboard().inbox().dispatchDue();
    assertThat(meta.switchboard().outbox().find(handle.id()).orElseThrow().status()).isEqualTo(DeliveryStatus.READ);
  }

  @Test
  void whatsApp_mediaTemplatesAndReadReceipts_throughTheChannel() {
    connectAll();
    byte[] photo = {1, 2, 3, 4};
    String id = whatsApp.media().upload(ACME, Optional.empty(), photo, "image/jpeg", "p.jpg");
    MediaDownload download = whatsApp.media().download(ACME, Optional.empty(), id);
    assertThat(download.bytes()).containsExactly(photo);
    whatsApp.media().delete(ACME, Optional.empty(), id);
    assertThatThrownBy(() -> whatsApp.media().info(ACME, Optional.empty(), id))
        .isInstanceOfSatisfying(GraphApiException.class, e -> assertThat(e.code()).hasValue(100));

    for (int i = 0; i < 30; i++) {
      meta.emulator().addTemplate(WABA, "t" + i, "en_US", "UTILITY", i % 2 == 0 ? "APPROVED" : "PENDING");
    }
    List<TemplateInfo> all = whatsApp.templates().list(ACME, Optional.empty(), TemplateQuery.all());
    assertThat(all).hasSize(30);
    assertThat(whatsApp.templates().list(ACME, Optional.empty(), TemplateQuery.builder().status("APPROVED").build()))
        .hasSize(15);
    whatsApp.templates().delete(ACME, Optional.empty(), "t0");
    assertThat(meta.emulator().templates(WABA)).hasSize(29);

    whatsApp.markRead(ACME, Optional.empty(), "wamid.IN1");
    whatsApp.showTypingIndicator(ACME, Optional.empty(), "wamid.IN1");
    assertThat(meta.emulator().requestsTo(PHONE)).extracting(RecordedRequest::status).containsOnly(200);
  }

  @Test
  void rejectedToken_marksTheConnection() {
    var sb = meta.switchboard();
    sb.connections().connect(ConnectRequest.builder().tenant(ACME).channel(ChannelType.WHATSAPP)
        .accountId(PHONE).attribute(ChannelConnection.WABA_ID, WABA)
        .accessToken(Secret.of("EAAG-revoked")).build());

    assertThatThrownBy(() -> whatsApp.markRead(ACME, Optional.empty(), "wamid.IN1"))
        .isInstanceOfSatisfying(GraphApiException.class, e -> assertThat(e.isAuthError()).isTrue());
    assertThat(meta.emulator().requests()).singleElement()
        .satisfies(r -> assertThat(r.errorCode()).hasValue(190));
  }
}
