package io.switchboard.channel.whatsapp.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.switchboard.event.InboundEvent;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class WhatsAppWebhookParserStructureTest {

  private static List<InboundEvent> parse(String json) {
    return WaFixtures.parser().parse(WaFixtures.tree(json));
  }

  @Test
  void parse_payloadNotAnObject_throwsNamingRoot() {
    assertThatIllegalArgumentException().isThrownBy(() -> parse("[1,2]")).withMessageStartingWith("$:");
    assertThatIllegalArgumentException()
        .isThrownBy(() -> WaFixtures.parser().parse(null))
        .withMessageStartingWith("$:");
  }

  @Test
  void parse_wrongObjectType_throwsNamingObject() {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> parse("{\"object\":\"page\",\"entry\":[]}"))
        .withMessageStartingWith("object:")
        .withMessageContaining("page");
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "{\"object\":\"whatsapp_business_account\"}                                        | entry:",
        "{\"object\":\"whatsapp_business_account\",\"entry\":{}}                           | entry:",
        "{\"object\":\"whatsapp_business_account\",\"entry\":[{\"id\":\"1\",\"changes\":[]},5]} | entry[1]:",
        "{\"object\":\"whatsapp_business_account\",\"entry\":[{\"id\":\"1\"}]}              | entry[0].changes:",
        "{\"object\":\"whatsapp_business_account\",\"entry\":[{\"id\":\"1\",\"changes\":[{\"value\":{}}]}]} | entry[0].changes[0].field:",
        "{\"object\":\"whatsapp_business_account\",\"entry\":[{\"id\":\"1\",\"changes\":[\"x\"]}]} | entry[0].changes[0]:",
        "{\"object\":\"whatsapp_business_account\",\"entry\":[{\"id\":\"1\",\"changes\":[{\"field\":\"messages\"}]}]} | entry[0].changes[0].value:",
        "{\"object\":\"whatsapp_business_account\",\"entry\":[{\"id\":\"1\",\"changes\":[{\"field\":\"messages\",\"value\":{\"messages\":{}}}]}]} | entry[0].changes[0].value.messages:",
        "{\"object\":\"whatsapp_business_account\",\"entry\":[{\"id\":\"1\",\"changes\":[{\"field\":\"messages\",\"value\":{\"statuses\":[{\"status\":\"sent\"}]}}]}]} | entry[0].changes[0].value.statuses[0].id:",
        "{\"object\":\"whatsapp_business_account\",\"entry\":[{\"changes\":[{\"field\":\"account_update\",\"value\":{}}]}]} | entry[0].id:",
      })
  void parse_malformedStructure_throwsNamingPath(String json, String expectedPathPrefix) {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> parse(json))
        .withMessageStartingWith(expectedPathPrefix.trim());
  }

  @Test
  void parse_secondMessageWithoutId_throwsNamingExactPath() {
    JsonNode payload =
        WaFixtures.tree(
            """
            {"object":"whatsapp_business_account","entry":[{"id":"1","changes":[
              {"field":"account_update","value":{}},
              {"field":"messages","value":{"metadata":{"phone_number_id":"2"},
                "messages":[{"from":"15551230001","id":"wamid.OK","timestamp":"1","type":"text","text":{"body":"a"}},
                            {"from":"15551230001","timestamp":"2","type":"text","text":{"body":"b"}}]}}]}]}
            """);

    assertThatIllegalArgumentException()
        .isThrownBy(() -> WaFixtures.parser().parse(payload))
        .withMessage("entry[0].changes[1].value.messages[1].id: is required");
  }

  @Test
  void parse_messageWithoutAnySenderId_throwsNamingFromPath() {
    JsonNode payload = WaFixtures.json("messages/text.json");
    ObjectNode value = (ObjectNode) payload.at("/entry/0/changes/0/value");
    value.remove("contacts");
    ((ObjectNode) value.at("/messages/0")).remove("from");

    assertThatIllegalArgumentException()
        .isThrownBy(() -> WaFixtures.parser().parse(payload))
        .withMessageStartingWith("entry[0].changes[0].value.messages[0].from:");
  }

  @Test
  void parse_emptyEntryArray_returnsNoEvents() {
    assertThat(parse("{\"object\":\"whatsapp_business_account\",\"entry\":[]}")).isEmpty();
  }

  @Test
  void parse_missingObjectField_isAccepted() {
    JsonNode payload = WaFixtures.json("messages/text.json");
    ((ObjectNode) payload).remove("object");

    assertThat(WaFixtures.parser().parse(payload)).singleElement().extracting(InboundEvent::externalId)
        .isEqualTo("wamid.IN_TEXT_0001");
  }

  @Test
  void parse_everyFixture_isDeterministicAcrossParses() {
    for (String fixture :
        List.of(
            "batch-two-accounts.json",
            "errors/value-errors.json",
            "notifications/template-status.json",
            "notifications/phone-number-quality.json",
            "statuses/unknown-status.json",
            "messages/unsupported.json",
            "messages/contacts.json")) {
      List<InboundEvent> first = WaFixtures.parse(fixture);
      List<InboundEvent> second = WaFixtures.parse(fixture);
      assertThat(second).as(fixture).isEqualTo(first);
      assertThat(second).extracting(InboundEvent::externalId).as(fixture).doesNotHaveDuplicates();
    }
  }
}
