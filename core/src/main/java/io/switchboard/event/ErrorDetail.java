package io.switchboard.event;

import java.util.Objects;
import java.util.Optional;

/**
 * An error a channel reported in a webhook (a failed delivery, an unsupported message).
 *
 * @param code the channel's numeric error code, such as WhatsApp 131047
 * @param title the short title
 * @param message the longer message, if any
 * @param details extra detail ({@code error_data.details}), if any
 * @param href link to the channel's documentation, if any
 */
public record ErrorDetail(
    int code, String title, Optional<String> message, Optional<String> details, Optional<String> href) {

  /** Checks required fields. */
  public ErrorDetail {
    Objects.requireNonNull(title, "title");
    Objects.requireNonNull(message, "message");
    Objects.requireNonNull(details, "details");
    Objects.requireNonNull(href, "href");
  }
}
