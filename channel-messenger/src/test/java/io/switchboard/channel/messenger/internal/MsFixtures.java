package io.switchboard.channel.messenger.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.switchboard.event.InboundEvent;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

/** Loads Messenger webhook fixtures and parses them on a fixed clock. */
final class MsFixtures {

  /** Where the switchboard-fixtures jar keeps the recorded bodies. */
  private static final String ROOT = "/io/switchboard/fixtures/";

  static final ObjectMapper MAPPER = new ObjectMapper();
  static final Instant NOW = Instant.parse("2026-01-02T03:04:05Z");
  static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

  static final String PAGE = "300000000000001";
  static final String PAGE_2 = "300000000000002";
  static final String PSID = "400000000000001";
  static final String PSID_2 = "400000000000002";
  /** The {@code timestamp} used by most fixtures. */
  static final Instant AT = Instant.ofEpochMilli(1760000000123L);

  private MsFixtures() {}

  static MessengerWebhookParser parser() {
    return new MessengerWebhookParser(CLOCK);
  }

  static JsonNode json(String name) {
    String resource = ROOT + "messenger/" + name;
    try (InputStream in = MsFixtures.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalArgumentException("no fixture " + resource);
      }
      return MAPPER.readTree(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Every Messenger fixture, relative to the channel folder, as the fixtures jar's index lists
   * them (a folder inside a jar cannot be walked).
   */
  static List<String> names() {
    try (InputStream in = MsFixtures.class.getResourceAsStream(ROOT + "index.txt")) {
      if (in == null) {
        throw new IllegalStateException("no " + ROOT + "index.txt on the test classpath");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
          .filter(line -> line.startsWith("messenger/"))
          .map(line -> line.substring("messenger/".length()))
          .toList();
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
