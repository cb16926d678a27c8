package io.switchboard.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class IsoInstantTest {

  @Test
  void format_randomInstantsOfEveryPrecision_sameAsIsoInstant() {
    Random random = new Random(42);
    long min = Instant.parse("0000-01-01T00:00:00Z").getEpochSecond();
    long max = Instant.parse("9999-12-31T23:59:59Z").getEpochSecond();
    for (int i = 0; i < 200_000; i++) {
      long seconds = min + (long) (random.nextDouble() * (max - min + 1));
      int nanos = switch (i % 4) {
        case 0 -> 0;
        case 1 -> random.nextInt(1000) * 1_000_000;
        case 2 -> random.nextInt(1_000_000) * 1_000;
        default -> random.nextInt(1_000_000_000);
      };
      Instant instant = Instant.ofEpochSecond(seconds, nanos);
      String text = IsoInstant.format(instant);
      assertThat(text).isEqualTo(DateTimeFormatter.ISO_INSTANT.format(instant));
      assertThat(IsoInstant.parseCanonical(text)).isEqualTo(instant);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"0000-01-01T00:00:00Z", "1969-12-31T23:59:59.999999999Z", "1970-01-01T00:00:00Z",
      "2024-02-29T12:00:00.100Z", "2026-11-22T10:00:00.000001Z", "9999-12-31T23:59:59.999999999Z"})
  void formatAndParse_edges_sameAsInstant(String text) {
    Instant instant = Instant.parse(text);
    assertThat(IsoInstant.format(instant)).isEqualTo(instant.toString());
    assertThat(IsoInstant.parseCanonical(instant.toString())).isEqualTo(instant);
  }

  @Test
  void format_beyondFourDigitYears_sameAsInstant() {
    Instant late = Instant.parse("+10000-01-01T00:00:00Z");
    Instant early = Instant.parse("-0001-12-31T23:59:59.5Z");
    assertThat(IsoInstant.format(late)).isEqualTo(late.toString());
    assertThat(IsoInstant.format(early)).isEqualTo(early.toString());
    assertThat(IsoInstant.parseCanonical(late.toString())).isNull();
  }

  @ParameterizedTest
  @ValueSource(strings = {"2026-11-22T10:00:00+01:00", "2026-11-22t10:00:00z", "2026-11-22T10:00Z",
      "2026-11-22T10:00:00.Z", "2026-11-22T10:00:00.1234567890Z", "2026-02-30T00:00:00Z", "2026-13-01T00:00:00Z",
      "2026-11-22T24:00:00Z", "2026-11-22T23:60:00Z", "2026-11-22T23:59:60Z", "2026-11-22 10:00:00Z",
      "2026-11-2xT10:00:00Z", "1760000000", ""})
  void parseCanonical_otherSpellingsOrInvalid_null(String text) {
    assertThat(IsoInstant.parseCanonical(text)).isNull();
  }
}
