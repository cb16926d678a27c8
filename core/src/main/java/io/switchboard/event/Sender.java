package io.switchboard.event;

import java.util.Objects;
import java.util.Optional;

/**
 * The customer who wrote, as the channel identifies them.
 *
 * @param id the id to reply to: WhatsApp {@code wa_id} (phone number), or the business-scoped user
 *     id where the phone number is withheld; Messenger PSID; Instagram IGSID
 * @param name the profile name, if the channel sent one
 * @param userId WhatsApp business-scoped user id ({@code US.1349...}), if present
 * @param username the user's WhatsApp username, if present
 */
public record Sender(String id, Optional<String> name, Optional<String> userId, Optional<String> username) {

  /** Checks required fields. */
  public Sender {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(userId, "userId");
    Objects.requireNonNull(username, "username");
  }

  /**
   * A sender known only by id.
   *
   * @param id the channel's id for the person
   * @return the sender
   */
  public static Sender of(String id) {
    return new Sender(id, Optional.empty(), Optional.empty(), Optional.empty());
  }
}
