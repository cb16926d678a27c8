package io.switchboard;

import java.util.List;
import java.util.stream.Collectors;

/**
 * Input was rejected before any network call: a message exceeds a documented limit, a required
 * field is missing, a configuration value is invalid. Lists every problem found, not just the
 * first. Not retryable.
 */
public class ValidationException extends SwitchboardException {

  private static final long serialVersionUID = 1L;

  private final transient List<Violation> violations;

  /**
   * Creates an exception from one or more violations.
   *
   * @param violations what was wrong; at least one
   */
  public ValidationException(List<Violation> violations) {
    super(describe(violations));
    this.violations = List.copyOf(violations);
  }

  /**
   * Creates an exception for a single violation.
   *
   * @param field the offending field's path, such as {@code interactive.buttons[1].title}
   * @param problem what is wrong with it, such as {@code must be at most 20 characters (was 27)}
   * @return the exception
   */
  public static ValidationException of(String field, String problem) {
    return new ValidationException(List.of(new Violation(field, problem)));
  }

  /**
   * Every problem found.
   *
   * @return the violations, never empty
   */
  public List<Violation> violations() {
    return violations;
  }

  private static String describe(List<Violation> violations) {
    if (violations.isEmpty()) {
      throw new IllegalArgumentException("a ValidationException needs at least one violation");
    }
    return violations.stream().map(Violation::toString).collect(Collectors.joining("; "));
  }

  /**
   * One problem with one field.
   *
   * @param field the field's path within the input, such as {@code text.body}
   * @param problem what is wrong, naming the limit where there is one
   */
  public record Violation(String field, String problem) {
    @Override
    public String toString() {
      return field + ": " + problem;
    }
  }
}
