package io.switchboard.graph;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import io.switchboard.ConfigurationException;
import io.switchboard.Secret;
import io.switchboard.TransportException;
import io.switchboard.ValidationException;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.MultipartBody;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.ResponseBody;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A small client for Meta's Graph API, shared by every channel: versioned URLs, bearer-token
 * authentication, JSON bodies, and Graph error bodies turned into {@link GraphApiException}.
 *
 * <p>The base URL and API version are configuration (default {@code https://graph.facebook.com},
 * {@code v26.0}), so tests and emulators point it anywhere. One instance wraps one OkHttp client;
 * {@link #withBaseUrl(String)} derives a client for another host (such as
 * {@code graph.instagram.com}) sharing the same connection pool. Tokens travel only in the
 * {@code Authorization} header and never appear in logs or exception messages. Immutable and
 * thread-safe; calls block the calling thread.
 */
public final class GraphClient {

  /** Meta's Graph API host. */
  public static final String DEFAULT_BASE_URL = "https://graph.facebook.com";

  /** The Graph API version used unless configured otherwise. */
  public static final String DEFAULT_VERSION = "v26.0";

  private static final Logger log = LoggerFactory.getLogger(GraphClient.class);
  private static final MediaType JSON = MediaType.get("application/json; charset=utf-8");
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private final OkHttpClient http;
  private final HttpUrl baseUrl;
  private final String version;

  private GraphClient(OkHttpClient http, HttpUrl baseUrl, String version) {
    this.http = http;
    this.baseUrl = baseUrl;
    this.version = version;
  }

  /**
   * Starts a client configuration.
   *
   * @return a builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * A client for another base URL sharing this client's HTTP connection pool and version.
   *
   * @param baseUrl such as {@code https://graph.instagram.com}
   * @return the derived client
   */
  public GraphClient withBaseUrl(String baseUrl) {
    return new GraphClient(http, parseBase(baseUrl), version);
  }

  /**
   * The configured API version.
   *
   * @return such as {@code v26.0}
   */
  public String version() {
    return version;
  }

  /**
   * The configured base URL.
   *
   * @return such as {@code https://graph.facebook.com/}
   */
  public String baseUrl() {
    return baseUrl.toString();
  }

  /**
   * {@code GET /{version}/{path}}.
   *
   * @param path path below the version, such as {@code 1234/message_templates}
   * @param token the bearer token
   * @param query query parameters
   * @return the JSON answer
   */
  public JsonNode get(String path, Secret token, Map<String, String> query) {
    return execute(new Request.Builder().url(url(path, query)).get(), token, "GET", path);
  }

  /**
   * {@code POST /{version}/{path}} with a JSON body.
   *
   * @param path path below the version
   * @param token the bearer token
   * @param body the JSON body
   * @return the JSON answer
   */
  public JsonNode post(String path, Secret token, JsonNode body) {
    return post(path, token, Map.of(), body);
  }

  /**
   * {@code POST /{version}/{path}?query} with a JSON body, for endpoints documented with query
   * parameters (such as {@code subscribed_apps?subscribed_fields=...}).
   *
   * @param path path below the version
   * @param token the bearer token
   * @param query query parameters
   * @param body the JSON body (an empty object if the endpoint takes none)
   * @return the JSON answer
   */
  public JsonNode post(String path, Secret token, Map<String, String> query, JsonNode body) {
    byte[] bytes;
    try {
      bytes = MAPPER.writeValueAsBytes(body);
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot serialise request body", e);
    }
    return execute(
        new Request.Builder().url(url(path, query)).post(RequestBody.create(bytes, JSON)), token, "POST", path);
  }

  /**
   * {@code DELETE /{version}/{path}}.
   *
   * @param path path below the version
   * @param token the bearer token
   * @param query query parameters
   * @return the JSON answer
   */
  public JsonNode delete(String path, Secret token, Map<String, String> query) {
    return execute(new Request.Builder().url(url(path, query)).delete(), token, "DELETE", path);
  }

  /**
   * {@code POST /{version}/{path}} as {@code multipart/form-data} with text fields and one file.
   *
   * @param path path below the version
   * @param token the bearer token
   * @param fields text fields, in order
   * @param fileField the file part's name
   * @param fileName the file name sent
   * @param mimeType the file's MIME type
   * @param content the file
   * @return the JSON answer
   */
  public JsonNode postMultipart(
      String path,
      Secret token,
      Map<String, String> fields,
      String fileField,
      String fileName,
      String mimeType,
      byte[] content) {
    MultipartBody.Builder body = new MultipartBody.Builder().setType(MultipartBody.FORM);
    fields.forEach(body::addFormDataPart);
    body.addFormDataPart(fileField, fileName, RequestBody.create(content, MediaType.get(mimeType)));
    return execute(new Request.Builder().url(url(path, Map.of())).post(body.build()), token, "POST", path);
  }

  /**
   * Downloads a file from an absolute URL (such as a WhatsApp media URL) with the bearer token,
   * refusing files larger than {@code maxBytes}.
   *
   * @param absoluteUrl the file's URL
   * @param token the bearer token
   * @param maxBytes the most bytes to accept
   * @return the file
   * @throws GraphApiException for a non-2xx answer (a 404 means the URL expired)
   * @throws MediaTooLargeException if the file exceeds {@code maxBytes}
   */
  public MediaDownload download(String absoluteUrl, Secret token, long maxBytes) {
    HttpUrl url = HttpUrl.parse(absoluteUrl);
    if (url == null) {
      throw ValidationException.of("url", "is not an absolute http(s) URL");
    }
    Request request = new Request.Builder().url(url).get().header("Authorization", "Bearer " + token.reveal()).build();
    String what = "GET " + url.host() + url.encodedPath();
    try (Response response = http.newCall(request).execute()) {
      ResponseBody body = response.body();
      if (!response.isSuccessful()) {
        throw toException(response, readSmall(body), what);
      }
      long declared = body.contentLength();
      if (declared > maxBytes) {
        throw new MediaTooLargeException(maxBytes, declared);
      }
      byte[] bytes = readCapped(body.byteStream(), maxBytes);
      Optional<String> type = Optional.ofNullable(body.contentType()).map(MediaType::toString);
      return new MediaDownload(bytes, type);
    } catch (IOException e) {
      throw new TransportException(what + " failed: " + e.getMessage(), e);
    }
  }

  private static byte[] readCapped(InputStream in, long maxBytes) throws IOException {
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    byte[] buf = new byte[16 * 1024];
    long total = 0;
    int n;
    while ((n = in.read(buf)) != -1) {
      total += n;
      if (total > maxBytes) {
        throw new MediaTooLargeException(maxBytes, -1);
      }
      out.write(buf, 0, n);
    }
    return out.toByteArray();
  }

  private HttpUrl url(String path, Map<String, String> query) {
    Objects.requireNonNull(path, "path");
    HttpUrl.Builder b = baseUrl.newBuilder().addPathSegment(version);
    for (String segment : path.split("/")) {
      if (!segment.isEmpty()) {
        b.addPathSegment(segment);
      }
    }
    query.forEach(b::addQueryParameter);
    return b.build();
  }

  private JsonNode execute(Request.Builder builder, Secret token, String method, String path) {
    Objects.requireNonNull(token, "token");
    Request request = builder.header("Authorization", "Bearer " + token.reveal()).build();
    String what = method + " /" + version + "/" + stripSlash(path);
    long started = System.nanoTime();
    try (Response response = http.newCall(request).execute()) {
      String text = readSmall(response.body());
      if (log.isDebugEnabled()) {
        log.debug("{} -> {} in {} ms", what, response.code(), (System.nanoTime() - started) / 1_000_000);
      }
      if (!response.isSuccessful()) {
        throw toException(response, text, what);
      }
      if (text.isEmpty()) {
        return MissingNode.getInstance();
      }
      try {
        return MAPPER.readTree(text);
      } catch (IOException e) {
        throw new TransportException(what + " returned a body that is not JSON", e);
      }
    } catch (IOException e) {
      throw new TransportException(what + " failed: " + e.getClass().getSimpleName() + ": " + e.getMessage(), e);
    }
  }

  private static String stripSlash(String path) {
    return path.startsWith("/") ? path.substring(1) : path;
  }

  private static String readSmall(ResponseBody body) throws IOException {
    return body == null ? "" : body.string();
  }

  private static GraphApiException toException(Response response, String text, String what) {
    Integer code = null;
    Integer subcode = null;
    String type = null;
    String message = null;
    String details = null;
    String trace = null;
    try {
      JsonNode error = text.isEmpty() ? MissingNode.getInstance() : MAPPER.readTree(text).path("error");
      if (error.isObject()) {
        code = error.hasNonNull("code") ? error.get("code").asInt() : null;
        subcode = error.hasNonNull("error_subcode") ? error.get("error_subcode").asInt() : null;
        type = textOrNull(error, "type");
        message = textOrNull(error, "message");
        details = textOrNull(error.path("error_data"), "details");
        trace = textOrNull(error, "fbtrace_id");
      }
    } catch (IOException ignored) {
      // not a Graph error body: fall back to the HTTP status alone
    }
    if (message == null) {
      message = what + " answered HTTP " + response.code();
    }
    return new GraphApiException(response.code(), code, subcode, type, message, details, trace, retryAfter(response));
  }

  private static String textOrNull(JsonNode node, String field) {
    JsonNode v = node.get(field);
    return v == null || v.isNull() ? null : v.asText();
  }

  /** Reads {@code Retry-After} (seconds) or the business-use-case header's regain estimate (minutes). */
  static Duration retryAfter(Response response) {
    String header = response.header("Retry-After");
    if (header != null) {
      try {
        return Duration.ofSeconds(Long.parseLong(header.trim()));
      } catch (NumberFormatException ignored) {
        // HTTP-date form is not used by Meta; ignore
      }
    }
    String buc = response.header("X-Business-Use-Case-Usage");
    if (buc != null) {
      try {
        long maxMinutes = -1;
        for (Iterator<JsonNode> it = MAPPER.readTree(buc).elements(); it.hasNext(); ) {
          for (JsonNode usage : it.next()) {
            maxMinutes = Math.max(maxMinutes, usage.path("estimated_time_to_regain_access").asLong(-1));
          }
        }
        if (maxMinutes > 0) {
          return Duration.ofMinutes(maxMinutes);
        }
      } catch (IOException ignored) {
        // malformed usage header: no hint
      }
    }
    return null;
  }

  private static HttpUrl parseBase(String baseUrl) {
    HttpUrl url = baseUrl == null ? null : HttpUrl.parse(baseUrl);
    if (url == null) {
      throw new ConfigurationException(
          List.of(new ValidationException.Violation("graphBaseUrl", "must be an absolute http(s) URL")));
    }
    return url;
  }

  /** Builds a {@link GraphClient}. Not thread-safe. */
  public static final class Builder {
    private OkHttpClient httpClient;
    private String baseUrl = DEFAULT_BASE_URL;
    private String version = DEFAULT_VERSION;

    private Builder() {}

    /**
     * Uses the host's OkHttp client (its pool and dispatcher are shared, not copied).
     *
     * @param httpClient the client
     * @return this builder
     */
    public Builder httpClient(OkHttpClient httpClient) {
      this.httpClient = Objects.requireNonNull(httpClient, "httpClient");
      return this;
    }

    /**
     * Sets the base URL.
     *
     * @param baseUrl such as {@code https://graph.facebook.com}
     * @return this builder
     */
    public Builder baseUrl(String baseUrl) {
      this.baseUrl = baseUrl;
      return this;
    }

    /**
     * Sets the API version.
     *
     * @param version such as {@code v26.0}
     * @return this builder
     */
    public Builder version(String version) {
      this.version = version;
      return this;
    }

    /**
     * Builds the client.
     *
     * @return the client
     * @throws ConfigurationException if the base URL or version is invalid
     */
    public GraphClient build() {
      List<ValidationException.Violation> problems = new ArrayList<>();
      HttpUrl url = baseUrl == null ? null : HttpUrl.parse(baseUrl);
      if (url == null) {
        problems.add(new ValidationException.Violation("graphBaseUrl", "must be an absolute http(s) URL"));
      }
      if (version == null || !version.matches("v\\d+\\.\\d+")) {
        problems.add(new ValidationException.Violation("graphApiVersion", "must look like v26.0, got " + version));
      }
      if (!problems.isEmpty()) {
        throw new ConfigurationException(problems);
      }
      OkHttpClient client = httpClient != null ? httpClient : new OkHttpClient();
      return new GraphClient(client, url, version);
    }
  }
}
