package io.switchboard.examples.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

/** Stands in for a tenant application: records the events forwarded to it. */
final class TenantReceiver implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** One received event: raw body, signature header and parsed JSON. */
  record Received(byte[] body, String signature, JsonNode json) {}

  final List<Received> received = new CopyOnWriteArrayList<>();
  private final HttpServer server;

  private TenantReceiver(int port) throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
    server.createContext("/events", exchange -> {
      byte[] body = exchange.getRequestBody().readAllBytes();
      received.add(new Received(body, exchange.getRequestHeaders().getFirst("X-Switchboard-Signature"),
          JSON.readTree(body)));
      exchange.sendResponseHeaders(204, -1);
      exchange.close();
    });
    server.start();
  }

  static TenantReceiver start() throws IOException {
    return new TenantReceiver(0);
  }

  static TenantReceiver start(int port) throws IOException {
    return new TenantReceiver(port);
  }

  int port() {
    return server.getAddress().getPort();
  }

  URI url() {
    return URI.create("http://127.0.0.1:" + port() + "/events");
  }

  List<JsonNode> events(String type) {
    return received.stream().map(Received::json).filter(j -> j.path("type").asText().equals(type)).toList();
  }

  /** Waits (with {@link Http#await}'s deadline) for the first event that matches, and returns it. */
  Received awaitEvent(String what, Predicate<JsonNode> match) throws InterruptedException {
    Http.await(what, () -> received.stream().anyMatch(r -> match.test(r.json())));
    return received.stream().filter(r -> match.test(r.json())).findFirst().orElseThrow();
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
