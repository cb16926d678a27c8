package io.switchboard.examples.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.switchboard.Switchboard;
import io.switchboard.TenantId;
import io.switchboard.event.InboundContent;
import io.switchboard.event.InboundEvent;
import io.switchboard.event.MessageReceived;
import io.switchboard.event.StatusChanged;
import io.switchboard.outbox.OutboundMessage;
import java.lang.reflect.RecordComponent;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Collection;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

/** The JSON a tenant application receives for one inbound event. */
final class EventJson {
  private static final JsonNodeFactory F = JsonNodeFactory.instance;

  private EventJson() {}

  static ObjectNode of(Switchboard switchboard, TenantId tenant, InboundEvent event) {
    ObjectNode o = F.objectNode();
    o.put("event_id", event.externalId());
    o.put("tenant_id", tenant.value());
    o.put("channel", event.channel().name().toLowerCase(Locale.ROOT));
    o.put("type", type(event));
    o.put("timestamp", event.occurredAt().toString());
    o.put("account_id", event.accountId());
    if (event instanceof MessageReceived m) {
      o.put("from", m.from().id());
      m.from().name().ifPresent(n -> o.put("from_name", n));
      o.set("message", content(m.content()));
      m.context().ifPresent(c -> o.set("context", value(c)));
    } else if (event instanceof StatusChanged s) {
      o.put("from", s.recipientId());
      ObjectNode st = o.putObject("status");
      switchboard.outbox().findByExternalId(s.channel(), s.messageId())
          .filter(msg -> msg.tenant().equals(tenant))
          .map(OutboundMessage::id)
          .ifPresent(id -> st.put("message_id", id));
      st.put("external_id", s.messageId());
      st.put("status", s.status().name().toLowerCase(Locale.ROOT));
      s.callbackData().ifPresent(c -> st.put("callback_data", c));
      if (!s.errors().isEmpty()) {
        st.set("errors", value(s.errors()));
      }
    } else {
      // every other event kind, field by field (from, message ids, payloads ...)
      ObjectNode all = (ObjectNode) value(event);
      JsonNode from = all.remove("from");
      if (from != null) {
        o.set("from", from.has("id") ? from.get("id") : from);
      }
      all.remove(java.util.List.of("channel", "account_id", "external_id", "occurred_at"));
      o.set("data", all);
    }
    return o;
  }

  /** An event in a log line: {@code whatsapp message wamid.X from 15551230001}, {@code messenger messages_read m_1}. */
  static String describe(InboundEvent event) {
    String d = event.channel().name().toLowerCase(Locale.ROOT) + " " + type(event) + " " + event.externalId();
    return event instanceof MessageReceived m ? d + " from " + m.from().id() : d;
  }

  static String type(InboundEvent event) {
    if (event instanceof MessageReceived) {
      return "message";
    }
    if (event instanceof StatusChanged) {
      return "status";
    }
    return snake(event.getClass().getSimpleName());
  }

  static JsonNode content(InboundContent content) {
    if (content instanceof InboundContent.Text t) {
      ObjectNode o = F.objectNode();
      o.put("type", "text");
      o.put("text", t.body());
      return o;
    }
    ObjectNode o = F.objectNode();
    o.put("type", snake(content.getClass().getSimpleName()));
    o.setAll((ObjectNode) value(content));
    return o;
  }

  /** Records, optionals, collections and scalars as JSON, with snake_case names. */
  static JsonNode value(Object v) {
    if (v == null) {
      return F.nullNode();
    }
    if (v instanceof Optional<?> opt) {
      return opt.map(EventJson::value).orElse(F.nullNode());
    }
    if (v instanceof OptionalInt oi) {
      return oi.isPresent() ? F.numberNode(oi.getAsInt()) : F.nullNode();
    }
    if (v instanceof OptionalLong ol) {
      return ol.isPresent() ? F.numberNode(ol.getAsLong()) : F.nullNode();
    }
    if (v instanceof String s) {
      return F.textNode(s);
    }
    if (v instanceof Boolean b) {
      return F.booleanNode(b);
    }
    if (v instanceof Integer i) {
      return F.numberNode(i);
    }
    if (v instanceof Long l) {
      return F.numberNode(l);
    }
    if (v instanceof Double d) {
      return F.numberNode(d);
    }
    if (v instanceof BigDecimal d) {
      return F.numberNode(d);
    }
    if (v instanceof Enum<?> e) {
      return F.textNode(e.name().toLowerCase(Locale.ROOT));
    }
    if (v instanceof Instant || v instanceof java.net.URI || v instanceof TenantId) {
      return F.textNode(v.toString());
    }
    if (v instanceof Collection<?> c) {
      ArrayNode a = F.arrayNode();
      c.forEach(x -> a.add(value(x)));
      return a;
    }
    if (v instanceof Map<?, ?> m) {
      ObjectNode o = F.objectNode();
      m.forEach((k, x) -> o.set(String.valueOf(k), value(x)));
      return o;
    }
    if (v instanceof byte[]) {
      return F.nullNode();
    }
    if (v.getClass().isRecord()) {
      ObjectNode o = F.objectNode();
      for (RecordComponent rc : v.getClass().getRecordComponents()) {
        try {
          rc.getAccessor().setAccessible(true);
          JsonNode x = value(rc.getAccessor().invoke(v));
          if (!x.isNull()) {
            o.set(snake(rc.getName()), x);
          }
        } catch (ReflectiveOperationException | RuntimeException e) {
          // skip a component that cannot be read
        }
      }
      return o;
    }
    return F.textNode(v.toString());
  }

  static String snake(String camel) {
    return camel.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase(Locale.ROOT);
  }
}
