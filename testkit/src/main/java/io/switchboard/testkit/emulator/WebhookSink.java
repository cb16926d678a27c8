package io.switchboard.testkit.emulator;

import java.util.Map;

/**
 * Where the emulator posts webhooks when the host's endpoint is not reached over HTTP, for
 * example straight into {@code switchboard.webhooks().handle(...)}:
 *
 * <pre>{@code
 * emulator.webhookTarget((body, headers) ->
 *     switchboard.webhooks().handle(WebhookRequest.post(body, headers)).status());
 * }</pre>
 */
@FunctionalInterface
public interface WebhookSink {

  /**
   * Delivers one signed webhook.
   *
   * @param body the exact bytes that were signed
   * @param headers {@code Content-Type} and {@code X-Hub-Signature-256}
   * @return the HTTP status the host answered (200 acknowledges)
   * @throws Exception if delivery failed
   */
  int deliver(byte[] body, Map<String, String> headers) throws Exception;
}
