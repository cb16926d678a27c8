package io.switchboard.channel.messenger;

import java.util.Objects;
import java.util.Optional;

/**
 * What a Page may read about a person who messaged it ({@code GET /{PSID}?fields=first_name,
 * last_name,profile_pic}). Every field except the id may be withheld by Meta. Immutable.
 *
 * @param psid the Page-scoped id of the person
 * @param firstName first name, if returned
 * @param lastName last name, if returned
 * @param profilePicUrl the profile picture URL, if returned; it expires after some days, so store
 *     the image rather than the URL
 */
public record MessengerProfile(
    String psid, Optional<String> firstName, Optional<String> lastName, Optional<String> profilePicUrl) {

  /** Checks required fields. */
  public MessengerProfile {
    Objects.requireNonNull(psid, "psid");
    Objects.requireNonNull(firstName, "firstName");
    Objects.requireNonNull(lastName, "lastName");
    Objects.requireNonNull(profilePicUrl, "profilePicUrl");
  }

  /**
   * First and last name joined by a space, if either is known.
   *
   * @return the display name
   */
  public Optional<String> fullName() {
    String joined = (firstName.orElse("") + " " + lastName.orElse("")).strip();
    return joined.isEmpty() ? Optional.empty() : Optional.of(joined);
  }
}
