package io.switchboard.examples.engine;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.function.BooleanSupplier;

/** A small JSON client for the engine API. */
final class Http {
  static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient CLIENT = HttpClient.newHttpClient();

  /** An answer: status, body parsed as JSON (a missing node if it is not JSON) and raw body. */
  record Response(int status, JsonNode json, String raw) {}

  private Http() {}

  /** A JSON call with {@code Authorization: Bearer <bearer>} unless bearer is null. */
  static Response call(String method, String url, String bearer, String body) throws Exception {
    return request(method, url, bearer == null ? Map.of() : Map.of("Authorization", "Bearer " + bearer), body);
  }

  /** A JSON call with the given headers; a null body sends none. */
  static Response request(String method, String url, Map<String, String> headers, String body) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10))
        .header("Content-Type", "application/json")
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
    headers.forEach(b::header);
    HttpResponse<String> r = CLIENT.send(b.build(), HttpResponse.BodyHandlers.ofString());
    JsonNode json;
    try {
      json = r.body().isEmpty() ? MissingNode.getInstance() : JSON.readTree(r.body());
    } catch (JsonProcessingException e) {
      json = MissingNode.getInstance();
    }
    return new Response(r.statusCode(), json, r.body());
  }

  static void await(String what, BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out waiting for " + what);
      }
      Thread.sleep(25);
    }
  }
}
