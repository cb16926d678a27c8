package io.switchboard.channel.whatsapp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.switchboard.ValidationException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A message template to submit for review with {@link WhatsAppTemplates#create}. Immutable; build
 * with {@link #builder()}.
 *
 * <p>The components are Meta's JSON as documented for template creation (header, body, footer,
 * buttons, with examples), for instance:
 *
 * <pre>{@code
 * [{"type":"BODY","text":"Hi {{1}}, your order {{2}} shipped.",
 *   "example":{"body_text":[["Ana","#1234"]]}}]
 * }</pre>
 *
 * @param name lower-case letters, digits and underscores, at most {@link WhatsAppLimits#TEMPLATE_NAME_MAX}
 * @param language the language code, such as {@code en_US}
 * @param category the requested category
 * @param parameterFormat how placeholders are written; empty leaves Meta's default (positional)
 * @param components the components, a non-empty JSON array
 */
public record TemplateDefinition(
    String name, String language, Category category, Optional<ParameterFormat> parameterFormat, JsonNode components) {

  private static final Pattern NAME = Pattern.compile("[a-z0-9_]+");

  /**
   * Checks every field and copies the components.
   *
   * @throws ValidationException listing every problem
   */
  public TemplateDefinition {
    Objects.requireNonNull(parameterFormat, "parameterFormat");
    List<ValidationException.Violation> problems = new ArrayList<>();
    if (name == null || name.isBlank()) {
      problems.add(new ValidationException.Violation("name", "must not be blank"));
    } else {
      if (name.length() > WhatsAppLimits.TEMPLATE_NAME_MAX) {
        problems.add(new ValidationException.Violation("name",
            "must be at most " + WhatsAppLimits.TEMPLATE_NAME_MAX + " characters (was " + name.length() + ")"));
      }
      if (!NAME.matcher(name).matches()) {
        problems.add(new ValidationException.Violation("name",
            "may only contain lower-case letters, digits and underscores (was '" + name + "')"));
      }
    }
    if (language == null || language.isBlank()) {
      problems.add(new ValidationException.Violation("language", "must not be blank"));
    }
    if (category == null) {
      problems.add(new ValidationException.Violation("category", "is required (MARKETING, UTILITY or AUTHENTICATION)"));
    }
    if (components == null || !components.isArray() || components.isEmpty()) {
      problems.add(new ValidationException.Violation("components", "must be a non-empty JSON array"));
    } else {
      for (int i = 0; i < components.size(); i++) {
        if (!components.get(i).isObject() || !components.get(i).path("type").isTextual()) {
          problems.add(new ValidationException.Violation("components[" + i + "]", "must be an object with a type"));
        }
      }
    }
    if (!problems.isEmpty()) {
      throw new ValidationException(problems);
    }
    components = components.deepCopy();
  }

  /**
   * The components.
   *
   * @return a copy of the JSON array
   */
  @Override
  public JsonNode components() {
    return components.deepCopy();
  }

  /**
   * Starts a definition.
   *
   * @return a builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * The body of {@code POST /{waba_id}/message_templates}.
   *
   * @return the JSON body
   */
  ObjectNode toJson() {
    ObjectNode body = JsonNodeFactory.instance.objectNode();
    body.put("name", name);
    body.put("language", language);
    body.put("category", category.name());
    parameterFormat.ifPresent(f -> body.put("parameter_format", f.name()));
    body.set("components", components.deepCopy());
    return body;
  }

  /** A template's category. Meta may reassign it during review. */
  public enum Category {
    /** Promotions, offers, announcements. */
    MARKETING,
    /** Updates about an existing transaction or account. */
    UTILITY,
    /** One-time passcodes. */
    AUTHENTICATION
  }

  /** How a template's placeholders are written. */
  public enum ParameterFormat {
    /** {@code {{1}}}, {@code {{2}}}, ... */
    POSITIONAL,
    /** {@code {{customer_name}}}, ... */
    NAMED
  }

  /** Builds a {@link TemplateDefinition}. Not thread-safe. */
  public static final class Builder {
    private String name;
    private String language;
    private Category category;
    private ParameterFormat parameterFormat;
    private final ArrayNode components = JsonNodeFactory.instance.arrayNode();

    private Builder() {}

    /**
     * Sets the name.
     *
     * @param name such as {@code order_update}
     * @return this builder
     */
    public Builder name(String name) {
      this.name = name;
      return this;
    }

    /**
     * Sets the language.
     *
     * @param language such as {@code en_US}
     * @return this builder
     */
    public Builder language(String language) {
      this.language = language;
      return this;
    }

    /**
     * Sets the category.
     *
     * @param category the category
     * @return this builder
     */
    public Builder category(Category category) {
      this.category = category;
      return this;
    }

    /**
     * Sets the placeholder format.
     *
     * @param parameterFormat positional or named
     * @return this builder
     */
    public Builder parameterFormat(ParameterFormat parameterFormat) {
      this.parameterFormat = parameterFormat;
      return this;
    }

    /**
     * Replaces the components.
     *
     * @param components a JSON array of component objects
     * @return this builder
     */
    public Builder components(JsonNode components) {
      Objects.requireNonNull(components, "components");
      if (!components.isArray()) {
        throw new IllegalArgumentException("components must be a JSON array");
      }
      this.components.removeAll();
      components.forEach(c -> this.components.add(c.deepCopy()));
      return this;
    }

    /**
     * Adds one component.
     *
     * @param component a JSON object such as {@code {"type":"BODY","text":"..."}}
     * @return this builder
     */
    public Builder addComponent(JsonNode component) {
      components.add(Objects.requireNonNull(component, "component").deepCopy());
      return this;
    }

    /**
     * Builds the definition.
     *
     * @return the definition
     * @throws ValidationException listing every problem
     */
    public TemplateDefinition build() {
      return new TemplateDefinition(name, language, category, Optional.ofNullable(parameterFormat), components);
    }
  }
}
