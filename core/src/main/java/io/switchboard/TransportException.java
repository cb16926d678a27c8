package io.switchboard;

/**
 * No usable answer came back from a remote API: connection refused or reset, timeout, TLS failure,
 * or a response that could not be read. Retryable.
 */
public class TransportException extends SwitchboardException {

  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message what was attempted (method and path, never a token)
   * @param cause the I/O failure
   */
  public TransportException(String message, Throwable cause) {
    super(message, cause);
  }

  @Override
  public boolean retryable() {
    return true;
  }
}
