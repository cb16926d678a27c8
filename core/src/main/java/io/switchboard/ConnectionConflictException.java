package io.switchboard;

/**
 * An account (phone number id, Page id, Instagram account id) is already connected to another
 * tenant. Each account routes to exactly one tenant, so it must be disconnected there first. Not
 * retryable.
 */
public class ConnectionConflictException extends SwitchboardException {

  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message which account is taken (the owning tenant is not named)
   */
  public ConnectionConflictException(String message) {
    super(message);
  }
}
