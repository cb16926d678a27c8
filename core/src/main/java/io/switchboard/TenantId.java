package io.switchboard;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Identifies one tenant of the host application: the customer whose WhatsApp numbers, Pages and
 * Instagram accounts Switchboard talks through.
 *
 * <p>The value is chosen by the host (typically its own customer or workspace id). It must be 1 to
 * 128 characters from {@code [A-Za-z0-9._:@-]}, so it can be used safely as a database key, in log
 * lines and in URLs. Immutable and thread-safe.
 *
 * @param value the tenant's identifier
 */
public record TenantId(String value) implements Comparable<TenantId> {

  private static final Pattern VALID = Pattern.compile("[A-Za-z0-9._:@-]{1,128}");

  /** Validates the value. */
  public TenantId {
    Objects.requireNonNull(value, "tenant id");
    if (!VALID.matcher(value).matches()) {
      throw new IllegalArgumentException(
          "tenant id must be 1-128 characters from [A-Za-z0-9._:@-], got '" + abbreviate(value) + "'");
    }
  }

  /**
   * Returns the tenant id with the given value.
   *
   * @param value 1 to 128 characters from {@code [A-Za-z0-9._:@-]}
   * @return the tenant id
   * @throws IllegalArgumentException if the value is not valid
   */
  public static TenantId of(String value) {
    return new TenantId(value);
  }

  @Override
  public int compareTo(TenantId other) {
    return value.compareTo(other.value);
  }

  @Override
  public String toString() {
    return value;
  }

  private static String abbreviate(String s) {
    return s.length() <= 40 ? s : s.substring(0, 40) + "...";
  }
}
