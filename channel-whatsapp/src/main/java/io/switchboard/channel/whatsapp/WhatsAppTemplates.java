package io.switchboard.channel.whatsapp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.switchboard.SwitchboardException;
import io.switchboard.TenantId;
import io.switchboard.ValidationException;
import io.switchboard.channel.whatsapp.internal.WaSendSupport;
import io.switchboard.connection.ChannelConnection;
import io.switchboard.graph.GraphApiException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Message templates of the WhatsApp Business Account (WABA) that owns a tenant's phone number:
 * list, create, delete. Get it from {@link WhatsAppChannel#templates()}.
 *
 * <p>The WABA id comes from the connection's {@link ChannelConnection#WABA_ID} attribute. Every
 * method takes the tenant and, optionally, the phone number id; with an empty phone number id the
 * tenant's only WhatsApp number is used. A rejected token marks the connection as needing
 * re-authorisation before the {@link GraphApiException} is rethrown. Meta limits these calls to
 * 200 per hour per WABA (5000 with a registered number). Thread-safe; calls block.
 */
public final class WhatsAppTemplates {

  /** Stops paging if Meta keeps returning cursors; far beyond any real template count. */
  private static final int MAX_PAGES = 1000;

  private final WaSendSupport support;

  WhatsAppTemplates(WaSendSupport support) {
    this.support = support;
  }

  /**
   * Lists templates ({@code GET /{waba_id}/message_templates}), following
   * {@code paging.cursors.after} until the last page or {@link TemplateQuery#limit()}.
   *
   * @param tenant the tenant
   * @param phoneNumberId the phone number id, or empty for the tenant's only number
   * @param query filters
   * @return the templates, in Meta's order
   * @throws ValidationException if the connection has no {@code waba_id}
   * @throws GraphApiException if Meta rejects the call
   */
  public List<TemplateInfo> list(TenantId tenant, Optional<String> phoneNumberId, TemplateQuery query) {
    Objects.requireNonNull(query, "query");
    return support.run(tenant, phoneNumberId, (graph, connection, token) -> {
      String path = wabaId(connection) + "/message_templates";
      Map<String, String> params = new LinkedHashMap<>();
      query.name().ifPresent(n -> params.put("name", n));
      query.status().ifPresent(s -> params.put("status", s));
      query.limit().ifPresent(l -> params.put("limit", Integer.toString(l)));
      int max = query.limit().orElse(Integer.MAX_VALUE);
      List<TemplateInfo> result = new ArrayList<>();
      String after = null;
      for (int page = 0; page < MAX_PAGES; page++) {
        Map<String, String> pageParams = new LinkedHashMap<>(params);
        if (after != null) {
          pageParams.put("after", after);
        }
        JsonNode answer = graph.get(path, token, pageParams);
        for (JsonNode t : answer.path("data")) {
          if (result.size() == max) {
            break;
          }
          result.add(toInfo(t));
        }
        String next = answer.path("paging").path("cursors").path("after").asText("");
        boolean more = answer.path("paging").hasNonNull("next") && !next.isEmpty() && !next.equals(after)
            && answer.path("data").size() > 0;
        if (!more || result.size() >= max) {
          break;
        }
        after = next;
      }
      return List.copyOf(result);
    });
  }

  /**
   * Submits a template for review ({@code POST /{waba_id}/message_templates}).
   *
   * @param tenant the tenant
   * @param phoneNumberId the phone number id, or empty for the tenant's only number
   * @param definition the template
   * @return its id, status and category
   * @throws ValidationException if the connection has no {@code waba_id}
   * @throws GraphApiException if Meta rejects the template
   */
  public CreatedTemplate create(TenantId tenant, Optional<String> phoneNumberId, TemplateDefinition definition) {
    Objects.requireNonNull(definition, "definition");
    return support.run(tenant, phoneNumberId, (graph, connection, token) -> {
      JsonNode answer = graph.post(wabaId(connection) + "/message_templates", token, definition.toJson());
      String id = answer.path("id").asText("");
      if (id.isEmpty()) {
        throw new SwitchboardException("WhatsApp accepted the template but its answer carries no id");
      }
      return new CreatedTemplate(id, text(answer, "status"), text(answer, "category"));
    });
  }

  /**
   * Deletes every language of a template ({@code DELETE /{waba_id}/message_templates?name=...}).
   * Meta blocks the name for 30 days afterwards.
   *
   * @param tenant the tenant
   * @param phoneNumberId the phone number id, or empty for the tenant's only number
   * @param name the template name
   * @throws ValidationException if the connection has no {@code waba_id} or the name is blank
   * @throws GraphApiException if Meta rejects the call
   */
  public void delete(TenantId tenant, Optional<String> phoneNumberId, String name) {
    delete(tenant, phoneNumberId, name, Optional.empty());
  }

  /**
   * Deletes one template by name and id ({@code ...?name=...&hsm_id=...}), leaving its other
   * languages.
   *
   * @param tenant the tenant
   * @param phoneNumberId the phone number id, or empty for the tenant's only number
   * @param name the template name
   * @param templateId the template id, or empty to delete every language
   * @throws ValidationException if the connection has no {@code waba_id} or the name is blank
   * @throws GraphApiException if Meta rejects the call
   */
  public void delete(TenantId tenant, Optional<String> phoneNumberId, String name, Optional<String> templateId) {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(templateId, "templateId");
    if (name.isBlank()) {
      throw ValidationException.of("name", "must not be blank");
    }
    support.run(tenant, phoneNumberId, (graph, connection, token) -> {
      Map<String, String> params = new LinkedHashMap<>();
      params.put("name", name);
      templateId.ifPresent(id -> params.put("hsm_id", id));
      return graph.delete(wabaId(connection) + "/message_templates", token, params);
    });
  }

  private static String wabaId(ChannelConnection connection) {
    return connection.attribute(ChannelConnection.WABA_ID)
        .filter(id -> !id.isBlank())
        .orElseThrow(() -> ValidationException.of(
            "connection.attributes." + ChannelConnection.WABA_ID,
            "is required for template management but connection " + connection.key() + " has none"));
  }

  private static TemplateInfo toInfo(JsonNode t) {
    JsonNode components = t.path("components");
    return new TemplateInfo(
        t.path("id").asText(""),
        t.path("name").asText(""),
        t.path("language").asText(""),
        t.path("status").asText(""),
        t.path("category").asText(""),
        components.isArray() ? components : JsonNodeFactory.instance.arrayNode());
  }

  private static Optional<String> text(JsonNode node, String field) {
    JsonNode v = node.get(field);
    return v == null || v.isNull() ? Optional.empty() : Optional.of(v.asText());
  }
}
