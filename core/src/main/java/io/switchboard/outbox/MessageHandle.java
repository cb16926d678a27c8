package io.switchboard.outbox;

import io.switchboard.message.DeliveryStatus;
import io.switchboard.message.SendReceipt;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * What {@code Switchboard.send} returns at once: the queued message's id, a way to read its
 * current status, and a future that completes when the channel accepts it (or fails it). Thread-safe.
 */
public final class MessageHandle {

  private final String id;
  private final boolean duplicate;
  private final CompletableFuture<SendReceipt> accepted;
  private final Supplier<OutboundMessage> current;

  /**
   * Creates a handle (Switchboard does).
   *
   * @param id the message id
   * @param duplicate whether the send repeated an idempotency key
   * @param accepted completes with the receipt, or exceptionally with the failure
   * @param current reads the message's current state
   */
  public MessageHandle(String id, boolean duplicate, CompletableFuture<SendReceipt> accepted,
      Supplier<OutboundMessage> current) {
    this.id = Objects.requireNonNull(id, "id");
    this.duplicate = duplicate;
    this.accepted = Objects.requireNonNull(accepted, "accepted");
    this.current = Objects.requireNonNull(current, "current");
  }

  /**
   * Switchboard's message id: use it to query the message later.
   *
   * @return the id
   */
  public String id() {
    return id;
  }

  /**
   * Whether this send repeated an idempotency key, so the handle is for the message queued the
   * first time (nothing new was queued).
   *
   * @return true for a repeat
   */
  public boolean duplicate() {
    return duplicate;
  }

  /**
   * Completes with the channel's receipt when the message is sent, or exceptionally with the
   * {@link io.switchboard.SwitchboardException} that failed it for good (retries happen first).
   * Completes on the instance that dispatches the message; elsewhere read {@link #status()}.
   *
   * @return the future
   */
  public CompletableFuture<SendReceipt> accepted() {
    return accepted;
  }

  /**
   * The message as stored now.
   *
   * @return the current state
   */
  public OutboundMessage message() {
    return current.get();
  }

  /**
   * The current status.
   *
   * @return the status
   */
  public DeliveryStatus status() {
    return message().status();
  }

  @Override
  public String toString() {
    return "MessageHandle[" + id + (duplicate ? ", duplicate" : "") + "]";
  }
}
