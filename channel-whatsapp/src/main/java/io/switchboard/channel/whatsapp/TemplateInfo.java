package io.switchboard.channel.whatsapp;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Objects;

/**
 * One message template of a WhatsApp Business Account, as listed by
 * {@link WhatsAppTemplates#list}. Immutable: {@link #components()} returns a copy.
 *
 * <p>Status and category are kept as Meta's strings ({@code APPROVED}, {@code PENDING},
 * {@code REJECTED}, {@code PAUSED}, {@code DISABLED}, ...; {@code MARKETING}, {@code UTILITY},
 * {@code AUTHENTICATION}) so values Meta adds later are not lost.
 *
 * @param id the template id
 * @param name the template name
 * @param language the language code, such as {@code en_US}
 * @param status the review status
 * @param category the category
 * @param components the template's components as Meta returns them (a JSON array)
 */
public record TemplateInfo(
    String id, String name, String language, String status, String category, JsonNode components) {

  /** Checks required fields and copies the components. */
  public TemplateInfo {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(language, "language");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(category, "category");
    components = Objects.requireNonNull(components, "components").deepCopy();
  }

  /**
   * The components as Meta returns them.
   *
   * @return a copy of the JSON array
   */
  @Override
  public JsonNode components() {
    return components.deepCopy();
  }
}
