package io.switchboard.internal;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;

/**
 * Instants in the text form of {@link DateTimeFormatter#ISO_INSTANT} (which is also what
 * {@link Instant#toString()} and Jackson's {@code InstantSerializer} write), such as
 * {@code 2026-11-22T10:00:00Z} or {@code 2026-11-22T10:00:00.123Z}, without the formatter's
 * general machinery: the stored events carry one or two of these each, and the formatter was a
 * fifth of the cost of reading an event back.
 *
 * <p>{@link #format} gives exactly what {@code ISO_INSTANT} gives. {@link #parseCanonical} reads
 * only that canonical shape for years 0000–9999 (fraction of 1 to 9 digits, upper-case {@code T}
 * and {@code Z}) and returns {@code null} for anything else, so callers can hand other spellings to
 * a full parser. Stateless and thread-safe.
 */
final class IsoInstant {

  /** 0000-01-01T00:00:00Z and the second after 9999-12-31T23:59:59Z: four-digit years. */
  private static final long MIN_SECOND = -62_167_219_200L;
  private static final long END_SECOND = 253_402_300_800L;

  private IsoInstant() {}

  /**
   * Formats like {@code DateTimeFormatter.ISO_INSTANT.format(instant)}.
   *
   * @param instant the instant
   * @return such as {@code 2026-11-22T10:00:00.250Z}
   */
  static String format(Instant instant) {
    long seconds = instant.getEpochSecond();
    if (seconds < MIN_SECOND || seconds >= END_SECOND) {
      return instant.toString();
    }
    long day = Math.floorDiv(seconds, 86_400);
    int secondOfDay = (int) Math.floorMod(seconds, 86_400);
    LocalDate date = LocalDate.ofEpochDay(day);
    int nanos = instant.getNano();
    // ISO_INSTANT prints the fraction in groups of three digits, as few groups as it takes
    int fractionDigits = nanos == 0 ? 0 : nanos % 1_000_000 == 0 ? 3 : nanos % 1_000 == 0 ? 6 : 9;
    char[] out = new char[20 + (fractionDigits == 0 ? 0 : 1 + fractionDigits)];
    digits(out, 0, date.getYear(), 4);
    out[4] = '-';
    digits(out, 5, date.getMonthValue(), 2);
    out[7] = '-';
    digits(out, 8, date.getDayOfMonth(), 2);
    out[10] = 'T';
    digits(out, 11, secondOfDay / 3600, 2);
    out[13] = ':';
    digits(out, 14, secondOfDay / 60 % 60, 2);
    out[16] = ':';
    digits(out, 17, secondOfDay % 60, 2);
    int at = 19;
    if (fractionDigits > 0) {
      out[at++] = '.';
      digits(out, at, nanos / pow10(9 - fractionDigits), fractionDigits);
      at += fractionDigits;
    }
    out[at] = 'Z';
    return new String(out);
  }

  /**
   * Reads the shape {@link #format} writes for years 0000–9999.
   *
   * @param text the text
   * @return the instant, or {@code null} if the text is not in that exact shape or names no valid
   *     date and time (a full ISO parser may still accept it)
   */
  static Instant parseCanonical(String text) {
    int length = text.length();
    if (length < 20 || length == 21 || length > 30 || text.charAt(length - 1) != 'Z'
        || text.charAt(4) != '-' || text.charAt(7) != '-' || text.charAt(10) != 'T'
        || text.charAt(13) != ':' || text.charAt(16) != ':') {
      return null;
    }
    int year = number(text, 0, 4);
    int month = number(text, 5, 2);
    int day = number(text, 8, 2);
    int hour = number(text, 11, 2);
    int minute = number(text, 14, 2);
    int second = number(text, 17, 2);
    if (year < 0 || month < 1 || month > 12 || day < 1 || hour < 0 || hour > 23 || minute < 0 || minute > 59
        || second < 0 || second > 59) {
      return null;
    }
    int nanos = 0;
    if (length > 20) {
      if (text.charAt(19) != '.') {
        return null;
      }
      int digits = length - 21;
      int fraction = number(text, 20, digits);
      if (fraction < 0) {
        return null;
      }
      nanos = fraction * pow10(9 - digits);
    }
    long epochDay;
    try {
      epochDay = LocalDate.of(year, month, day).toEpochDay();
    } catch (DateTimeException e) {
      return null; // such as February 30
    }
    return Instant.ofEpochSecond(epochDay * 86_400 + hour * 3600 + minute * 60 + second, nanos);
  }

  /** Writes {@code value} as exactly {@code width} decimal digits, zero-padded. */
  private static void digits(char[] out, int at, int value, int width) {
    for (int i = at + width - 1; i >= at; i--) {
      out[i] = (char) ('0' + value % 10);
      value /= 10;
    }
  }

  /** The {@code width} decimal digits at {@code at}, or -1 if one is not a digit. */
  private static int number(String text, int at, int width) {
    int value = 0;
    for (int i = at; i < at + width; i++) {
      char c = text.charAt(i);
      if (c < '0' || c > '9') {
        return -1;
      }
      value = value * 10 + (c - '0');
    }
    return value;
  }

  private static int pow10(int exponent) {
    int value = 1;
    for (int i = 0; i < exponent; i++) {
      value *= 10;
    }
    return value;
  }
}
