package io.switchboard.testkit.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * One request the emulator received, with what it answered. Immutable.
 */
public final class RecordedRequest {

  private final Instant at;
  private final GraphHost host;
  private final String method;
  private final String path;
  private final Optional<String> version;
  private final Map<String, String> query;
  private final Map<String, String> headers;
  private final byte[] body;
  private final JsonNode json;
  private final Map<String, String> formFields;
  private final Optional<String> account;
  private final Optional<String> token;
  private final int status;
  private final JsonNode response;

  RecordedRequest(Instant at, GraphHost host, String method, String path, Optional<String> version,
      Map<String, String> query, Map<String, String> headers, byte[] body, JsonNode json,
      Map<String, String> formFields, Optional<String> account, Optional<String> token, int status,
      JsonNode response) {
    this.at = Objects.requireNonNull(at);
    this.host = Objects.requireNonNull(host);
    this.method = Objects.requireNonNull(method);
    this.path = Objects.requireNonNull(path);
    this.version = Objects.requireNonNull(version);
    this.query = Collections.unmodifiableMap(new LinkedHashMap<>(query));
    TreeMap<String, String> h = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    h.putAll(headers);
    this.headers = Collections.unmodifiableMap(h);
    this.body = body.clone();
    this.json = Objects.requireNonNull(json);
    this.formFields = Collections.unmodifiableMap(new LinkedHashMap<>(formFields));
    this.account = Objects.requireNonNull(account);
    this.token = Objects.requireNonNull(token);
    this.status = status;
    this.response = Objects.requireNonNull(response);
  }

  /**
   * When the request arrived, by the emulator's clock.
   *
   * @return the time
   */
  public Instant at() {
    return at;
  }

  /**
   * The host the request was sent to.
   *
   * @return Facebook Graph, Instagram Graph or a media download
   */
  public GraphHost host() {
    return host;
  }

  /**
   * The HTTP method.
   *
   * @return such as {@code POST}
   */
  public String method() {
    return method;
  }

  /**
   * The path below the host, without the emulator's Instagram prefix.
   *
   * @return such as {@code /v26.0/106540352242922/messages}
   */
  public String path() {
    return path;
  }

  /**
   * The Graph API version in the path.
   *
   * @return such as {@code v26.0}; empty for media downloads
   */
  public Optional<String> version() {
    return version;
  }

  /**
   * The query parameters (the last value of each).
   *
   * @return parameter names to values
   */
  public Map<String, String> query() {
    return query;
  }

  /**
   * The request headers (names case-insensitive).
   *
   * @return the headers
   */
  public Map<String, String> headers() {
    return headers;
  }

  /**
   * One header.
   *
   * @param name the header name, any case
   * @return its value
   */
  public Optional<String> header(String name) {
    return Optional.ofNullable(headers.get(name));
  }

  /**
   * The raw body.
   *
   * @return a copy of the bytes
   */
  public byte[] body() {
    return body.clone();
  }

  /**
   * The body as UTF-8 text.
   *
   * @return the text
   */
  public String bodyText() {
    return new String(body, StandardCharsets.UTF_8);
  }

  /**
   * The JSON body.
   *
   * @return the parsed body; a missing node if the body was empty, multipart or not JSON
   */
  public JsonNode json() {
    return json;
  }

  /**
   * The text fields of a multipart body (such as a media upload's {@code messaging_product}).
   *
   * @return field names to values; empty for other bodies
   */
  public Map<String, String> formFields() {
    return formFields;
  }

  /**
   * The registered account the request addressed: the phone number id, Page id or Instagram
   * account id (for template calls, the phone number whose token was used).
   *
   * @return the account id; empty if the request named no known account
   */
  public Optional<String> account() {
    return account;
  }

  /**
   * The bearer token sent.
   *
   * @return the token; empty if there was no {@code Authorization: Bearer} header
   */
  public Optional<String> token() {
    return token;
  }

  /**
   * The HTTP status the emulator answered.
   *
   * @return such as 200, 400 or 401
   */
  public int status() {
    return status;
  }

  /**
   * The JSON the emulator answered.
   *
   * @return the answer; a missing node for media downloads
   */
  public JsonNode response() {
    return response;
  }

  /**
   * The Graph error code answered, if any.
   *
   * @return {@code error.code}
   */
  public Optional<Integer> errorCode() {
    JsonNode code = response.path("error").path("code");
    return code.isNumber() ? Optional.of(code.intValue()) : Optional.empty();
  }

  @Override
  public String toString() {
    return method + " " + path + (query.isEmpty() ? "" : " " + query) + " -> " + status
        + account.map(a -> " [account " + a + "]").orElse("");
  }
}
