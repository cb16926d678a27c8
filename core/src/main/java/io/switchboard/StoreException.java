package io.switchboard;

/**
 * A store (database or host-provided implementation of a store SPI) failed. The message names the
 * operation. Retryable by default, since most store failures (lost connection, deadlock, timeout)
 * are transient; a store may pass {@code retryable=false} for failures that are not.
 */
public class StoreException extends SwitchboardException {

  private static final long serialVersionUID = 1L;

  private final boolean retryable;

  /**
   * Creates a retryable store exception.
   *
   * @param operation what the store was doing, such as {@code inbox.append}
   * @param cause the underlying failure
   */
  public StoreException(String operation, Throwable cause) {
    this(operation, cause, true);
  }

  /**
   * Creates a store exception.
   *
   * @param operation what the store was doing
   * @param cause the underlying failure
   * @param retryable whether repeating the operation may succeed
   */
  public StoreException(String operation, Throwable cause, boolean retryable) {
    super(operation + " failed: " + (cause == null ? "unknown error" : cause.getMessage()), cause);
    this.retryable = retryable;
  }

  @Override
  public boolean retryable() {
    return retryable;
  }
}
