package io.switchboard.channel.whatsapp;

import java.util.Objects;
import java.util.Optional;

/**
 * Meta's answer to {@link WhatsAppTemplates#create}. Immutable.
 *
 * @param id the new template's id
 * @param status its review status, usually {@code PENDING} (sometimes {@code APPROVED} at once)
 * @param category the category Meta assigned, which may differ from the one requested
 */
public record CreatedTemplate(String id, Optional<String> status, Optional<String> category) {

  /** Checks required fields. */
  public CreatedTemplate {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(category, "category");
  }
}
