package io.switchboard.webhook;

/**
 * Handles Meta's webhook requests, independent of any web framework. Obtained from
 * {@code Switchboard.webhooks()}; mount it with
 * {@link io.switchboard.webhook.servlet.SwitchboardWebhookServlet} or call it from any HTTP stack.
 *
 * <p>{@code GET}: the subscription handshake — {@code 200} echoing {@code hub.challenge} when
 * {@code hub.verify_token} matches, else {@code 403}. {@code POST}: body larger than
 * {@link #maxBodyBytes()} → {@code 413}; missing or wrong {@code X-Hub-Signature-256} (HMAC-SHA256
 * of the raw bytes with the app secret) → {@code 401} before any parsing; signed but unreadable →
 * {@code 400} with the body kept for inspection; otherwise every event is routed to its tenant and
 * stored (duplicates dropped) and only then {@code 200} is returned. A store failure answers
 * {@code 500} so that Meta retries. Thread-safe; blocks on the store.
 */
public interface WebhookProcessor {

  /**
   * Handles one request.
   *
   * @param request the request
   * @return the response to send
   */
  WebhookResponse handle(WebhookRequest request);

  /**
   * The largest body accepted. HTTP adapters should stop reading past it and answer {@code 413}.
   *
   * @return bytes
   */
  int maxBodyBytes();
}
