package io.switchboard;

import java.util.List;

/**
 * A builder was given an incomplete or inconsistent configuration. Thrown by {@code build()} with
 * every problem listed at once. Not retryable.
 */
public class ConfigurationException extends ValidationException {

  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param violations every configuration problem found
   */
  public ConfigurationException(List<Violation> violations) {
    super(violations);
  }
}
