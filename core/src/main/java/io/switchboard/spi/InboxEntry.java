package io.switchboard.spi;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * An event in the {@link InboxStore} with its dispatch state.
 *
 * @param event the stored event
 * @param state where it is in dispatch
 * @param attempts how many times the host's handler has been called for it
 * @param nextAttemptAt when it is due (for {@link State#PENDING})
 * @param lastError the last handler failure, if any (exception class and message)
 * @param deliveredAt when the handler accepted it, for {@link State#DELIVERED}
 */
public record InboxEntry(
    InboxEvent event,
    State state,
    int attempts,
    Instant nextAttemptAt,
    Optional<String> lastError,
    Optional<Instant> deliveredAt) {

  /** Checks required fields. */
  public InboxEntry {
    Objects.requireNonNull(event, "event");
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(nextAttemptAt, "nextAttemptAt");
    Objects.requireNonNull(lastError, "lastError");
    Objects.requireNonNull(deliveredAt, "deliveredAt");
  }

  /** Dispatch state of an inbox entry. */
  public enum State {
    /** Waiting to be handed to the host (now or at {@code nextAttemptAt}). */
    PENDING,
    /** The host's handler accepted it. */
    DELIVERED,
    /** No tenant owns its account yet; kept until one connects it. */
    UNROUTABLE
  }
}
