package io.switchboard.testkit.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;

/**
 * Webhook bodies in the documented shapes (meta-api-facts §2.1-2.4 for WhatsApp, §4.1-4.2 for
 * Messenger and Instagram).
 */
final class Payloads {

  private static final JsonNodeFactory F = JsonNodeFactory.instance;

  private Payloads() {}

  /** The {@code value} of a WhatsApp {@code messages} change, with its envelope around it. */
  static ObjectNode whatsApp(String wabaId, String phoneNumberId, String displayNumber, ObjectNode value) {
    ObjectNode v = F.objectNode();
    v.put("messaging_product", "whatsapp");
    v.putObject("metadata").put("display_phone_number", displayNumber).put("phone_number_id", phoneNumberId);
    v.setAll(value);
    ObjectNode root = F.objectNode();
    root.put("object", "whatsapp_business_account");
    ObjectNode entry = root.putArray("entry").addObject();
    entry.put("id", wabaId);
    ObjectNode change = entry.putArray("changes").addObject();
    change.put("field", "messages");
    change.set("value", v);
    return root;
  }

  /** {@code contacts} + {@code messages} for one inbound message. */
  static ObjectNode whatsAppInbound(String waId, String name, ObjectNode message) {
    ObjectNode value = F.objectNode();
    ObjectNode contact = value.putArray("contacts").addObject();
    contact.putObject("profile").put("name", name);
    contact.put("wa_id", waId);
    value.putArray("messages").add(message);
    return value;
  }

  static ObjectNode whatsAppMessage(String from, String id, Instant at, String type) {
    ObjectNode m = F.objectNode();
    m.put("from", from);
    m.put("id", id);
    m.put("timestamp", Long.toString(at.getEpochSecond()));
    m.put("type", type);
    return m;
  }

  /** One {@code statuses[]} item in a value. */
  static ObjectNode whatsAppStatus(String wamid, String status, Instant at, String recipientId, String callbackData,
      String pricingCategory, JsonNode error) {
    ObjectNode s = F.objectNode();
    s.put("id", wamid);
    s.put("status", status);
    s.put("timestamp", Long.toString(at.getEpochSecond()));
    s.put("recipient_id", recipientId);
    if (callbackData != null) {
      s.put("biz_opaque_callback_data", callbackData);
    }
    if (pricingCategory != null) {
      s.putObject("pricing")
          .put("billable", !"service".equals(pricingCategory))
          .put("pricing_model", "PMP")
          .put("type", "service".equals(pricingCategory) ? "free_customer_service" : "regular")
          .put("category", pricingCategory);
    }
    if (error != null) {
      s.putArray("errors").add(error);
    }
    ObjectNode value = F.objectNode();
    value.putArray("statuses").add(s);
    return value;
  }

  static ObjectNode whatsAppError(int code, String title, String details) {
    ObjectNode e = F.objectNode();
    e.put("code", code);
    e.put("title", title);
    e.put("message", title);
    e.putObject("error_data").put("details", details);
    e.put("href", "https://developers.facebook.com/documentation/business-messaging/whatsapp/support/error-codes");
    return e;
  }

  /**
   * A Messenger ({@code object = page}) or Instagram ({@code object = instagram}) notification
   * with one {@code messaging[]} item.
   */
  static ObjectNode messaging(boolean instagram, String entryId, String senderId, String recipientId, Instant at,
      String eventKey, ObjectNode event) {
    ObjectNode root = F.objectNode();
    root.put("object", instagram ? "instagram" : "page");
    ObjectNode entry = root.putArray("entry").addObject();
    entry.put("id", entryId);
    entry.put("time", at.toEpochMilli());
    ArrayNode messaging = entry.putArray("messaging");
    ObjectNode item = messaging.addObject();
    item.putObject("sender").put("id", senderId);
    item.putObject("recipient").put("id", recipientId);
    item.put("timestamp", at.toEpochMilli());
    item.set(eventKey, event);
    return root;
  }
}
