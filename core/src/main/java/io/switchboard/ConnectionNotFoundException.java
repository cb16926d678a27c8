package io.switchboard;

/**
 * A tenant has no (usable) connection for the channel and account an operation needs: it never
 * connected one, disconnected it, or named an account it does not own. Not retryable.
 */
public class ConnectionNotFoundException extends SwitchboardException {

  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message which tenant, channel and account were looked for
   */
  public ConnectionNotFoundException(String message) {
    super(message);
  }
}
