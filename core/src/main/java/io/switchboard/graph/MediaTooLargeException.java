package io.switchboard.graph;

import io.switchboard.SwitchboardException;

/** A download was refused because the file exceeds the configured size cap. Not retryable. */
public class MediaTooLargeException extends SwitchboardException {

  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param limit the cap in bytes
   * @param actual the size, or -1 if only known to exceed the cap
   */
  public MediaTooLargeException(long limit, long actual) {
    super("media exceeds the download cap of " + limit + " bytes"
        + (actual >= 0 ? " (Content-Length " + actual + ")" : ""));
  }
}
