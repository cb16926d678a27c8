package io.switchboard.channel.whatsapp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.switchboard.TenantId;
import io.switchboard.ValidationException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Template list (paged), create and delete (meta-api-facts.md §3.5). */
class WhatsAppTemplatesTest extends WhatsAppTestBase {

  private static final String TEMPLATES = "/v26.0/" + WABA + "/message_templates";

  private static final String PAGE_1 = """
      {"data":[
        {"name":"order_update","components":[{"type":"BODY","text":"Hi {{1}}"}],"language":"en_US",
         "status":"APPROVED","category":"UTILITY","id":"111"},
        {"name":"promo","components":[],"language":"pt_BR","status":"PENDING","category":"MARKETING","id":"222"}],
       "paging":{"cursors":{"before":"B1","after":"A1"},"next":"https://graph.facebook.com/v26.0/next-page"}}""";

  private static final String PAGE_2 = """
      {"data":[
        {"name":"otp","components":[{"type":"BODY"}],"language":"en","status":"REJECTED",
         "category":"AUTHENTICATION","id":"333"}],
       "paging":{"cursors":{"before":"B2","after":"A2"}}}""";

  @Test
  void list_followsAfterCursorOverTwoPages() throws Exception {
    enqueueJson(200, PAGE_1);
    enqueueJson(200, PAGE_2);

    List<TemplateInfo> templates = channel.templates().list(TENANT, Optional.empty(), TemplateQuery.all());

    assertRequest("GET", TEMPLATES);
    assertRequest("GET", TEMPLATES + "?after=A1");
    assertThat(server.getRequestCount()).isEqualTo(2);
    assertThat(templates).extracting(TemplateInfo::name).containsExactly("order_update", "promo", "otp");
    TemplateInfo first = templates.get(0);
    assertThat(first.id()).isEqualTo("111");
    assertThat(first.language()).isEqualTo("en_US");
    assertThat(first.status()).isEqualTo("APPROVED");
    assertThat(first.category()).isEqualTo("UTILITY");
    assertThat(first.components()).isEqualTo(MAPPER.readTree("[{\"type\":\"BODY\",\"text\":\"Hi {{1}}\"}]"));
    assertThatThrownBy(() -> templates.add(first)).isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void list_componentsAreCopies() {
    enqueueJson(200, PAGE_2);

    TemplateInfo info = channel.templates().list(TENANT, Optional.empty(), TemplateQuery.all()).get(0);
    ((com.fasterxml.jackson.databind.node.ArrayNode) info.components()).removeAll();

    assertThat(info.components()).hasSize(1);
  }

  @Test
  void list_withFilters_sendsNameStatusLimit() throws Exception {
    enqueueJson(200, PAGE_2);

    channel.templates().list(TENANT, Optional.of(PHONE_ID),
        TemplateQuery.builder().name("otp").status("REJECTED").limit(50).build());

    assertRequest("GET", TEMPLATES + "?name=otp&status=REJECTED&limit=50");
  }

  @Test
  void list_limitReached_stopsPaging() throws Exception {
    enqueueJson(200, PAGE_1);

    List<TemplateInfo> templates = channel.templates().list(TENANT, Optional.empty(),
        TemplateQuery.builder().limit(2).build());

    assertThat(templates).hasSize(2);
    assertRequest("GET", TEMPLATES + "?limit=2");
    assertThat(server.getRequestCount()).isEqualTo(1);
  }

  @Test
  void list_withoutWabaId_throwsValidationNamingIt() {
    TenantId other = TenantId.of("other");
    context.addWhatsApp(other, "300000000000001", Map.of());

    assertThatThrownBy(() -> channel.templates().list(other, Optional.empty(), TemplateQuery.all()))
        .isInstanceOfSatisfying(ValidationException.class,
            e -> assertThat(e.violations()).singleElement()
                .satisfies(v -> assertThat(v.field()).isEqualTo("connection.attributes.waba_id")));
    assertNoRequest();
  }

  @Test
  void create_postsDefinitionAndReadsAnswer() throws Exception {
    enqueueJson(200, "{\"id\":\"594425479261596\",\"status\":\"PENDING\",\"category\":\"UTILITY\"}");
    TemplateDefinition definition = TemplateDefinition.builder()
        .name("order_shipped")
        .language("en_US")
        .category(TemplateDefinition.Category.UTILITY)
        .parameterFormat(TemplateDefinition.ParameterFormat.NAMED)
        .addComponent(MAPPER.readTree("""
            {"type":"BODY","text":"Hi {{customer_name}}, order {{order_id}} shipped.",
             "example":{"body_text_named_params":[{"param_name":"customer_name","example":"Ana"},
                                                  {"param_name":"order_id","example":"#1234"}]}}"""))
        .build();

    CreatedTemplate created = channel.templates().create(TENANT, Optional.empty(), definition);

    assertJsonRequest("POST", TEMPLATES, """
        {"name":"order_shipped","language":"en_US","category":"UTILITY","parameter_format":"NAMED",
         "components":[{"type":"BODY","text":"Hi {{customer_name}}, order {{order_id}} shipped.",
           "example":{"body_text_named_params":[{"param_name":"customer_name","example":"Ana"},
                                                {"param_name":"order_id","example":"#1234"}]}}]}""");
    assertThat(created).isEqualTo(new CreatedTemplate("594425479261596", Optional.of("PENDING"), Optional.of("UTILITY")));
  }

  @Test
  void create_withoutParameterFormat_omitsIt() throws Exception {
    enqueueJson(200, "{\"id\":\"1\",\"status\":\"APPROVED\",\"category\":\"MARKETING\"}");

    channel.templates().create(TENANT, Optional.empty(), TemplateDefinition.builder()
        .name("promo").language("en").category(TemplateDefinition.Category.MARKETING)
        .components(MAPPER.readTree("[{\"type\":\"BODY\",\"text\":\"Sale!\"}]")).build());

    assertJsonRequest("POST", TEMPLATES, """
        {"name":"promo","language":"en","category":"MARKETING","components":[{"type":"BODY","text":"Sale!"}]}""");
  }

  @Test
  void definition_invalid_listsEveryProblem() {
    assertThatThrownBy(() -> TemplateDefinition.builder().name("Bad Name").language(" ").build())
        .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.violations())
            .extracting(ValidationException.Violation::field)
            .containsExactly("name", "language", "category", "components"));
  }

  @Test
  void definition_nameLimit512() {
    TemplateDefinition.Builder b = TemplateDefinition.builder().language("en")
        .category(TemplateDefinition.Category.UTILITY)
        .addComponent(MAPPER.createObjectNode().put("type", "BODY").put("text", "x"));
    assertThat(b.name("a".repeat(512)).build().name()).hasSize(512);
    assertThatThrownBy(() -> b.name("a".repeat(513)).build())
        .hasMessageContaining("must be at most 512 characters (was 513)");
  }

  @Test
  void delete_byName() throws Exception {
    enqueueJson(200, "{\"success\":true}");

    channel.templates().delete(TENANT, Optional.empty(), "order_update");

    assertRequest("DELETE", TEMPLATES + "?name=order_update");
  }

  @Test
  void delete_byNameAndId() throws Exception {
    enqueueJson(200, "{\"success\":true}");

    channel.templates().delete(TENANT, Optional.empty(), "order_update", Optional.of("111"));

    assertRequest("DELETE", TEMPLATES + "?name=order_update&hsm_id=111");
  }

  @Test
  void delete_blankName_rejectedWithoutRequest() {
    assertThatThrownBy(() -> channel.templates().delete(TENANT, Optional.empty(), ""))
        .isInstanceOf(ValidationException.class);
    assertNoRequest();
  }
}
