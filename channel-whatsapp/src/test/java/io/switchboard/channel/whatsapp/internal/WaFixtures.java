package io.switchboard.channel.whatsapp.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.switchboard.event.InboundEvent;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

/** Loads webhook fixtures and provides a parser on a fixed clock. */
final class WaFixtures {

  static final ObjectMapper MAPPER = new ObjectMapper();
  static final Instant NOW = Instant.parse("2026-01-02T03:04:05Z");
  static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

  static final String WABA = "100000000000001";
  static final String WABA_2 = "100000000000002";
  static final String PHONE_ID = "200000000000001";
  static final String PHONE_ID_2 = "200000000000002";
  static final String CUSTOMER = "15551230001";
  static final String BSUID = "US.1000000000000000001";

  private WaFixtures() {}

  static WhatsAppWebhookParser parser() {
    return new WhatsAppWebhookParser(CLOCK);
  }

  static byte[] bytes(String name) {
    String resource = "/io/switchboard/fixtures/whatsapp/" + name;
    try (InputStream in = WaFixtures.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalArgumentException("no fixture " + resource);
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static JsonNode json(String name) {
    try {
      return MAPPER.readTree(bytes(name));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static JsonNode tree(String json) {
    try {
      return MAPPER.readTree(json);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static List<InboundEvent> parse(String fixture) {
    return parser().parse(json(fixture));
  }

  /** Parses a fixture that must yield exactly one event of the given type. */
  static <T extends InboundEvent> T single(String fixture, Class<T> type) {
    List<InboundEvent> events = parse(fixture);
    if (events.size() != 1) {
      throw new AssertionError("expected 1 event from " + fixture + " but got " + events);
    }
    return type.cast(events.get(0));
  }
}
