package io.switchboard;

/**
 * Root of every exception Switchboard throws. Unchecked.
 *
 * <p>{@link #retryable()} tells whether repeating the same operation later may succeed (a timeout,
 * a throttling answer) or is pointless until something changes (bad input, revoked token).
 * Messages never contain access tokens or other secrets.
 */
public class SwitchboardException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  /**
   * Creates an exception.
   *
   * @param message what went wrong
   */
  public SwitchboardException(String message) {
    super(message);
  }

  /**
   * Creates an exception with a cause.
   *
   * @param message what went wrong
   * @param cause the underlying failure
   */
  public SwitchboardException(String message, Throwable cause) {
    super(message, cause);
  }

  /**
   * Whether the same operation may succeed if repeated later without any change.
   *
   * @return false unless a subclass says otherwise
   */
  public boolean retryable() {
    return false;
  }
}
