package io.switchboard.message;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * An approved message template: the only content a business may send outside a WhatsApp customer
 * service window.
 *
 * @param name the template's name as approved
 * @param languageCode the template language, such as {@code en_US}
 * @param components parameter values per component; empty for a template without placeholders
 */
public record Template(String name, String languageCode, List<TemplateComponent> components)
    implements MessageContent {

  /** Copies the list and checks required fields. */
  public Template {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(languageCode, "languageCode");
    components = List.copyOf(components);
  }

  /**
   * Starts a template message.
   *
   * @param name the template name
   * @param languageCode the language, such as {@code en_US}
   * @return a builder
   */
  public static Builder builder(String name, String languageCode) {
    return new Builder(name, languageCode);
  }

  /** Builds a {@link Template}. Not thread-safe. */
  public static final class Builder {
    private final String name;
    private final String languageCode;
    private final List<TemplateComponent> components = new ArrayList<>();

    private Builder(String name, String languageCode) {
      this.name = name;
      this.languageCode = languageCode;
    }

    /**
     * Adds header parameters.
     *
     * @param parameters header values
     * @return this builder
     */
    public Builder header(TemplateParameter... parameters) {
      components.add(TemplateComponent.header(parameters));
      return this;
    }

    /**
     * Adds body parameters.
     *
     * @param parameters body values
     * @return this builder
     */
    public Builder body(TemplateParameter... parameters) {
      components.add(TemplateComponent.body(parameters));
      return this;
    }

    /**
     * Adds the payload of a quick-reply button.
     *
     * @param index the button's 0-based position
     * @param payload returned when tapped
     * @return this builder
     */
    public Builder quickReplyButton(int index, String payload) {
      components.add(TemplateComponent.button("quick_reply", index, TemplateParameter.payload(payload)));
      return this;
    }

    /**
     * Adds the dynamic suffix of a URL button.
     *
     * @param index the button's 0-based position
     * @param urlSuffix appended to the URL approved with the template
     * @return this builder
     */
    public Builder urlButton(int index, String urlSuffix) {
      components.add(TemplateComponent.button("url", index, TemplateParameter.text(urlSuffix)));
      return this;
    }

    /**
     * Adds any component.
     *
     * @param component the component
     * @return this builder
     */
    public Builder component(TemplateComponent component) {
      components.add(Objects.requireNonNull(component, "component"));
      return this;
    }

    /**
     * Builds the template message.
     *
     * @return the content
     */
    public Template build() {
      return new Template(name, languageCode, components);
    }
  }
}
