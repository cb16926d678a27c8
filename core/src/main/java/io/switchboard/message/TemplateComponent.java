package io.switchboard.message;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The parameters for one component (header, body or one button) of a template.
 *
 * @param type which part of the template
 * @param buttonSubType for buttons: {@code quick_reply}, {@code url}, {@code copy_code}, ...
 * @param buttonIndex for buttons: the button's position, 0-based
 * @param parameters the values for the component's placeholders, in order
 */
public record TemplateComponent(
    Type type, Optional<String> buttonSubType, OptionalInt buttonIndex, List<TemplateParameter> parameters) {

  /** Checks the fields fit the type. */
  public TemplateComponent {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(buttonSubType, "buttonSubType");
    Objects.requireNonNull(buttonIndex, "buttonIndex");
    parameters = List.copyOf(parameters);
    if (type == Type.BUTTON && (buttonSubType.isEmpty() || buttonIndex.isEmpty())) {
      throw new IllegalArgumentException("a button component needs a sub type and an index");
    }
    if (type != Type.BUTTON && (buttonSubType.isPresent() || buttonIndex.isPresent())) {
      throw new IllegalArgumentException("only button components take a sub type and an index");
    }
  }

  /**
   * Header parameters.
   *
   * @param parameters values for the header
   * @return the component
   */
  public static TemplateComponent header(TemplateParameter... parameters) {
    return new TemplateComponent(Type.HEADER, Optional.empty(), OptionalInt.empty(), List.of(parameters));
  }

  /**
   * Body parameters.
   *
   * @param parameters values for the body
   * @return the component
   */
  public static TemplateComponent body(TemplateParameter... parameters) {
    return new TemplateComponent(Type.BODY, Optional.empty(), OptionalInt.empty(), List.of(parameters));
  }

  /**
   * Parameters for one button.
   *
   * @param subType {@code quick_reply}, {@code url}, ...
   * @param index the button's 0-based position
   * @param parameters values for the button
   * @return the component
   */
  public static TemplateComponent button(String subType, int index, TemplateParameter... parameters) {
    return new TemplateComponent(Type.BUTTON, Optional.of(subType), OptionalInt.of(index), List.of(parameters));
  }

  /** Which part of a template a component fills. */
  public enum Type {
    /** The header line (text or media). */
    HEADER,
    /** The main text. */
    BODY,
    /** One of the buttons. */
    BUTTON
  }
}
