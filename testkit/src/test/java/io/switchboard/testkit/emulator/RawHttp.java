package io.switchboard.testkit.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

/** Plain HTTP calls to the emulator, for bodies Switchboard's client would never send. */
final class RawHttp {

  private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  private static final ObjectMapper JSON = new ObjectMapper();

  record Answer(int status, JsonNode json, String text) {
    int code() {
      return json.path("error").path("code").asInt(-1);
    }

    String message() {
      return json.path("error").path("message").asText();
    }
  }

  private RawHttp() {}

  static Answer send(String method, String url, String token, String body) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url))
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
    if (token != null) {
      b.header("Authorization", "Bearer " + token);
    }
    if (body != null) {
      b.header("Content-Type", "application/json");
    }
    HttpResponse<String> r = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    JsonNode json;
    try {
      json = JSON.readTree(r.body());
    } catch (Exception e) {
      json = JSON.createObjectNode();
    }
    return new Answer(r.statusCode(), json == null ? JSON.createObjectNode() : json, r.body());
  }

  static Answer post(String url, String token, String body) throws Exception {
    return send("POST", url, token, body);
  }

  static Answer get(String url, String token) throws Exception {
    return send("GET", url, token, null);
  }
}
