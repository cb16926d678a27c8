package io.switchboard.examples.engine;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.switchboard.Switchboard;
import io.switchboard.TenantId;
import io.switchboard.event.EventHandler;
import io.switchboard.event.InboundEvent;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Posts each inbound event to its tenant's {@code forward_url}, signed with the tenant's
 * {@code forward_secret}. Runs synchronously on Switchboard's inbox dispatcher: anything but a 2xx
 * (or a timeout) throws, so the inbox keeps the event and redelivers it later with back-off.
 */
final class Forwarder implements EventHandler {
  static final String SIGNATURE_HEADER = "X-Switchboard-Signature";
  private static final Logger log = LoggerFactory.getLogger("engine.forward");
  private static final ObjectMapper JSON = new ObjectMapper();

  private final TenantRegistry tenants;
  private final Supplier<Switchboard> switchboard;
  private final Duration timeout;
  private final HttpClient http;

  Forwarder(TenantRegistry tenants, Supplier<Switchboard> switchboard, Duration timeout) {
    this.tenants = tenants;
    this.switchboard = switchboard;
    this.timeout = timeout;
    this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
  }

  @Override
  public void onEvent(TenantId tenant, InboundEvent event) {
    Tenant t = tenants.find(tenant.value()).orElse(null);
    if (t == null) {
      // a connection without an engine tenant (should not happen): nobody to forward to
      log.warn("[{}] {} dropped: no such engine tenant", tenant, EventJson.describe(event));
      return;
    }
    byte[] body;
    try {
      body = JSON.writeValueAsBytes(EventJson.of(switchboard.get(), tenant, event));
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    HttpRequest request = HttpRequest.newBuilder(t.forwardUrl())
        .timeout(timeout)
        .header("Content-Type", "application/json")
        .header(SIGNATURE_HEADER, Crypto.signature(t.forwardSecret(), body))
        .POST(HttpRequest.BodyPublishers.ofByteArray(body))
        .build();
    HttpResponse<Void> response;
    try {
      response = http.send(request, HttpResponse.BodyHandlers.discarding());
    } catch (Exception e) {
      log.info("[{}] {} -> {} failed ({}); will retry", tenant, EventJson.describe(event), t.forwardUrl(),
          e.getClass().getSimpleName());
      if (e instanceof InterruptedException) {
        Thread.currentThread().interrupt();
      }
      throw new IllegalStateException("forward to " + t.forwardUrl() + " failed: " + e, e);
    }
    if (response.statusCode() / 100 != 2) {
      log.info("[{}] {} -> {} answered {}; will retry", tenant, EventJson.describe(event), t.forwardUrl(),
          response.statusCode());
      throw new IllegalStateException("forward_url answered " + response.statusCode());
    }
    log.info("[{}] {} forwarded -> {}", tenant, EventJson.describe(event), response.statusCode());
  }
}
