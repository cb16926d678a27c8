package io.switchboard.message;

/**
 * Where an outbound message is in its life. One state machine for every channel:
 * {@code QUEUED -> SENDING -> SENT -> DELIVERED -> READ -> PLAYED}, or {@code FAILED}, or
 * {@code CANCELLED} (a queued campaign message that was cancelled before it was sent).
 *
 * <p>Status webhooks arrive out of order (a {@code delivered} may come after {@code read}), so a
 * status only ever moves forward: {@link #canAdvanceTo(DeliveryStatus)} says whether a new report
 * changes anything.
 */
public enum DeliveryStatus {
  /** Stored, waiting to be sent. */
  QUEUED(0),
  /** Being handed to the channel. */
  SENDING(1),
  /** The channel accepted it. */
  SENT(2),
  /** It reached the recipient's device. */
  DELIVERED(3),
  /** The recipient opened it. */
  READ(4),
  /** The recipient played a voice message. */
  PLAYED(5),
  /** It will not be delivered. */
  FAILED(6),
  /** It was cancelled before it was sent. */
  CANCELLED(7);

  private final int rank;

  DeliveryStatus(int rank) {
    this.rank = rank;
  }

  /**
   * Whether moving from this status to {@code next} is progress. Terminal {@code FAILED} never
   * changes; a later {@code FAILED} report beats {@code SENT} but not {@code DELIVERED} or beyond
   * (a message the device received has not failed).
   *
   * @param next the newly reported status
   * @return true if the message should move to {@code next}
   */
  public boolean canAdvanceTo(DeliveryStatus next) {
    if (this == FAILED || this == CANCELLED) {
      return false;
    }
    if (next == CANCELLED) {
      return this == QUEUED || this == SENDING;
    }
    if (next == FAILED) {
      return rank < DELIVERED.rank;
    }
    return next.rank > rank;
  }

  /**
   * Whether no further change is expected.
   *
   * @return true for {@code FAILED}, {@code CANCELLED} and {@code PLAYED}
   */
  public boolean isTerminal() {
    return this == FAILED || this == CANCELLED || this == PLAYED;
  }

  /**
   * Whether the channel has accepted the message (it is {@code SENT} or further along).
   *
   * @return true for SENT, DELIVERED, READ and PLAYED
   */
  public boolean isAccepted() {
    return rank >= SENT.rank && rank <= PLAYED.rank;
  }
}
