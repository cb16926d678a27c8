package io.switchboard.examples.engine;

import static io.switchboard.examples.engine.EngineApi.config;
import static io.switchboard.examples.engine.EngineApi.connectWhatsApp;
import static io.switchboard.examples.engine.EngineApi.connected;
import static io.switchboard.examples.engine.EngineApi.createTenant;
import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.testkit.emulator.GraphHost;
import io.switchboard.testkit.emulator.MetaEmulator;
import java.nio.file.Path;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --meta=emulator} on the H2 file database: the in-process emulator starts empty on every
 * run, so the engine registers the accounts connected in earlier runs on it again at start.
 * (Undelivered forwards across a restart: {@link EngineServerTest}.)
 */
class EmulatorModeRestartTest {
  static final String PHONE = "200000000000031";
  static final String WABA = "100000000000031";
  static final String WA_ID = "16505551234";
  static final String PAGE = "300000000000031";
  static final String PSID = "7000000000000031";
  static final String IG_VIA_PAGE = "17840000000000031";
  static final String LINKED_PAGE = "300000000000032";
  static final String IG = "17840000000000032";
  static final String IGSID = "8000000000000031";
  static final String IGSID_2 = "8000000000000032";
  static final String REPLY = "{\"type\":\"text\",\"text\":\"Until six\"}";

  @AutoClose final Closer closer = new Closer();

  @Test
  void restart_registersEveryStoredConnectionOnTheNewEmulator_soEachChannelStillSendsToReadAndForwards(
      @TempDir Path dir) throws Exception {
    TenantReceiver app = closer.add(TenantReceiver.start());
    EngineServer first = closer.add(new EngineServer(config("file", dir)).start());
    String key = createTenant(first, "acme", app.url());
    connectWhatsApp(first, "acme", PHONE, WABA);
    connected(first, "acme", "messenger", PAGE, "{\"access_token\":\"old-page-token\",\"page_id\":\"" + PAGE + "\"}");
    connected(first, "acme", "instagram", IG_VIA_PAGE, "{\"access_token\":\"linked-page-token\",\"ig_user_id\":\""
        + IG_VIA_PAGE + "\",\"page_id\":\"" + LINKED_PAGE + "\",\"login\":\"facebook\"}");
    connected(first, "acme", "instagram", IG,
        "{\"access_token\":\"ig-token\",\"ig_user_id\":\"" + IG + "\",\"login\":\"instagram\"}");
    // connecting again replaces the token: the restart must bring back the newer one
    connected(first, "acme", "messenger", PAGE, "{\"access_token\":\"page-token\",\"page_id\":\"" + PAGE + "\"}");
    MetaEmulator before = first.emulator();
    closer.closeNow(first);

    EngineServer second = closer.add(new EngineServer(config("file", dir)).start());
    MetaEmulator meta = second.emulator();
    assertThat(meta).isNotSameAs(before);
    TenantFlow acme = new TenantFlow(second, meta, app, "acme", key);

    // each customer writes (which also opens the channel's messaging window), the tenant answers
    String wamid = meta.whatsAppCustomer(PHONE, WA_ID, "Ana").sendsText("Still open?");
    acme.assertInboundForwarded("whatsapp", PHONE, WA_ID, wamid, "Still open?");
    TenantFlow.Sent whatsApp = acme.send("whatsapp", WA_ID, REPLY)
        .assertCall(GraphHost.FACEBOOK, PHONE, "token-of-acme");

    String mid = meta.messengerCustomer(PAGE, PSID, "Bo", "Berg").sendsText("Still open?");
    acme.assertInboundForwarded("messenger", PAGE, PSID, mid, "Still open?");
    TenantFlow.Sent messenger = acme.send("messenger", PSID, REPLY)
        .assertCall(GraphHost.FACEBOOK, PAGE, "page-token");

    String viaPage = meta.instagramCustomer(IG_VIA_PAGE, IGSID, "cy").sendsText("Still open?");
    acme.assertInboundForwarded("instagram", IG_VIA_PAGE, IGSID, viaPage, "Still open?");
    TenantFlow.Sent instagramViaPage = acme.send("instagram", IG_VIA_PAGE, IGSID, REPLY)
        .assertCall(GraphHost.FACEBOOK, LINKED_PAGE, "linked-page-token");

    String direct = meta.instagramCustomer(IG, IGSID_2, "di").sendsText("Still open?");
    acme.assertInboundForwarded("instagram", IG, IGSID_2, direct, "Still open?");
    TenantFlow.Sent instagram = acme.send("instagram", IG, IGSID_2, REPLY)
        .assertCall(GraphHost.INSTAGRAM, IG, "ig-token");

    acme.awaitRead(whatsApp, messenger, instagramViaPage, instagram);
  }
}
