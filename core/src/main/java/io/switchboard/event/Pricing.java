package io.switchboard.event;

import java.util.Objects;
import java.util.Optional;

/**
 * How the channel prices a delivered message (WhatsApp {@code statuses[].pricing}).
 *
 * @param billable whether it is billable (being deprecated by Meta), if reported
 * @param model pricing model, such as {@code PMP}
 * @param type {@code regular}, {@code free_customer_service}, {@code free_entry_point}
 * @param category {@code marketing}, {@code utility}, {@code authentication}, {@code service}, ...
 */
public record Pricing(Optional<Boolean> billable, Optional<String> model, Optional<String> type, Optional<String> category) {
  /** Checks no component is null. */
  public Pricing {
    Objects.requireNonNull(billable, "billable");
    Objects.requireNonNull(model, "model");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(category, "category");
  }
}
