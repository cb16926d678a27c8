package io.switchboard.spi;

import java.util.Objects;

/**
 * What {@link OutboxStore#enqueue} did.
 *
 * @param record the stored message: the new one, or the one already stored under the same
 *     idempotency key
 * @param inserted true if the message was new
 */
public record EnqueueResult(OutboxRecord record, boolean inserted) {
  /** Checks required fields. */
  public EnqueueResult {
    Objects.requireNonNull(record, "record");
  }
}
