package io.switchboard.message;

import java.util.Objects;
import java.util.Optional;

/**
 * A map pin.
 *
 * @param latitude degrees, -90 to 90
 * @param longitude degrees, -180 to 180
 * @param name optional place name
 * @param address optional street address
 */
public record Location(double latitude, double longitude, Optional<String> name, Optional<String> address)
    implements MessageContent {

  /** Checks the coordinates are in range. */
  public Location {
    if (!(latitude >= -90 && latitude <= 90)) {
      throw new IllegalArgumentException("latitude must be between -90 and 90, got " + latitude);
    }
    if (!(longitude >= -180 && longitude <= 180)) {
      throw new IllegalArgumentException("longitude must be between -180 and 180, got " + longitude);
    }
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(address, "address");
  }

  /**
   * A pin without name or address.
   *
   * @param latitude degrees
   * @param longitude degrees
   * @return the content
   */
  public static Location of(double latitude, double longitude) {
    return new Location(latitude, longitude, Optional.empty(), Optional.empty());
  }

  /**
   * A named pin.
   *
   * @param latitude degrees
   * @param longitude degrees
   * @param name place name
   * @param address street address
   * @return the content
   */
  public static Location of(double latitude, double longitude, String name, String address) {
    return new Location(latitude, longitude, Optional.ofNullable(name), Optional.ofNullable(address));
  }
}
