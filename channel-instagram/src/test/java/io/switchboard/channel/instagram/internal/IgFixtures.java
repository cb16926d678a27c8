package io.switchboard.channel.instagram.internal;

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

/**
 * Loads webhook fixtures from {@code io/switchboard/fixtures/instagram/} (the switchboard-fixtures
 * jar) and parses them with a fixed clock.
 */
final class IgFixtures {

  static final ObjectMapper MAPPER = new ObjectMapper();
  static final Instant NOW = Instant.parse("2026-09-15T10:00:00Z");
  static final InstagramWebhookParser PARSER = new InstagramWebhookParser(Clock.fixed(NOW, ZoneOffset.UTC));

  static final String ACCOUNT_1 = "17841400000000001";
  static final String ACCOUNT_2 = "17841400000000002";
  static final String CUSTOMER_1 = "1234567890000001";
  static final String CUSTOMER_2 = "1234567890000002";
  /** 1760000000000 ms, the fixtures' base timestamp. */
  static final Instant T = Instant.ofEpochMilli(1_760_000_000_000L);

  private IgFixtures() {}

  static JsonNode load(String name) {
    try (InputStream in = IgFixtures.class.getResourceAsStream("/io/switchboard/fixtures/instagram/" + name)) {
      if (in == null) {
        throw new IllegalArgumentException("no fixture " + name);
      }
      return MAPPER.readTree(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static List<InboundEvent> parse(String name) {
    return PARSER.parse(load(name));
  }

  static JsonNode json(String text) {
    try {
      return MAPPER.readTree(text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
