package io.switchboard.webhook;

import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * An HTTP request to the webhook endpoint, independent of any web framework: the method, the query
 * parameters, the headers and the raw body bytes exactly as received (the signature is computed
 * over them, so they must not be re-encoded). Immutable.
 */
public final class WebhookRequest {

  private final String method;
  private final Map<String, String> query;
  private final Map<String, String> headers;
  private final byte[] body;

  private WebhookRequest(String method, Map<String, String> query, Map<String, String> headers, byte[] body) {
    this.method = Objects.requireNonNull(method, "method").toUpperCase(Locale.ROOT);
    this.query = Map.copyOf(query);
    TreeMap<String, String> h = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    h.putAll(headers);
    this.headers = java.util.Collections.unmodifiableMap(h);
    this.body = body;
  }

  /**
   * Any request.
   *
   * @param method HTTP method
   * @param query query parameters (first value of each)
   * @param headers request headers (first value of each; names case-insensitive)
   * @param body raw body, empty for GET; not copied, must not be modified afterwards
   * @return the request
   */
  public static WebhookRequest of(String method, Map<String, String> query, Map<String, String> headers, byte[] body) {
    return new WebhookRequest(method, query, headers, Objects.requireNonNull(body, "body"));
  }

  /**
   * A verification handshake ({@code GET} with {@code hub.*} parameters).
   *
   * @param query the query parameters
   * @return the request
   */
  public static WebhookRequest get(Map<String, String> query) {
    return new WebhookRequest("GET", query, Map.of(), new byte[0]);
  }

  /**
   * A notification ({@code POST}).
   *
   * @param body the raw body
   * @param headers the headers, including {@code X-Hub-Signature-256}
   * @return the request
   */
  public static WebhookRequest post(byte[] body, Map<String, String> headers) {
    return new WebhookRequest("POST", Map.of(), headers, Objects.requireNonNull(body, "body"));
  }

  /**
   * The HTTP method, upper case.
   *
   * @return the method
   */
  public String method() {
    return method;
  }

  /**
   * One query parameter.
   *
   * @param name the parameter
   * @return its value, if present
   */
  public Optional<String> queryParameter(String name) {
    return Optional.ofNullable(query.get(name));
  }

  /**
   * One header, case-insensitively.
   *
   * @param name the header
   * @return its value, if present
   */
  public Optional<String> header(String name) {
    return Optional.ofNullable(headers.get(name));
  }

  /**
   * The raw body. Not copied (it may be megabytes): do not modify it.
   *
   * @return the bytes
   */
  public byte[] body() {
    return body;
  }

  @Override
  public String toString() {
    return "WebhookRequest[" + method + ", " + body.length + " bytes]";
  }
}
