package io.switchboard.channel.whatsapp.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.switchboard.SwitchboardException;
import io.switchboard.connection.ChannelConnection;
import io.switchboard.message.ContactCard;
import io.switchboard.message.Contacts;
import io.switchboard.message.Interactive;
import io.switchboard.message.InteractiveHeader;
import io.switchboard.message.Location;
import io.switchboard.message.Media;
import io.switchboard.message.MediaKind;
import io.switchboard.message.MediaSource;
import io.switchboard.message.MessageContent;
import io.switchboard.message.Reaction;
import io.switchboard.message.SendReceipt;
import io.switchboard.message.SendRequest;
import io.switchboard.message.Template;
import io.switchboard.message.TemplateComponent;
import io.switchboard.message.TemplateParameter;
import io.switchboard.message.Text;
import java.util.Locale;
import java.util.Optional;

/**
 * Turns a {@link SendRequest} into the JSON body of {@code POST /{phone_number_id}/messages} and
 * the answer into a {@link SendReceipt}. Stateless and thread-safe.
 */
public final class WhatsAppMessageMapper {

  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

  private WhatsAppMessageMapper() {}

  /**
   * The request body.
   *
   * @param request a request that passed validation
   * @return the JSON body
   */
  public static ObjectNode toBody(SendRequest request) {
    ObjectNode body = JSON.objectNode();
    body.put("messaging_product", "whatsapp");
    body.put("recipient_type", "individual");
    String to = request.to();
    if (WhatsAppValidator.isBusinessScopedUserId(to)) {
      body.put("recipient", to);
    } else {
      body.put("to", to.startsWith("+") ? to : "+" + to);
    }
    request.replyTo().ifPresent(id -> body.putObject("context").put("message_id", id));
    MessageContent content = request.content();
    if (content instanceof Text text) {
      body.put("type", "text");
      body.putObject("text").put("body", text.body()).put("preview_url", text.previewUrl());
    } else if (content instanceof Media media) {
      String type = kind(media.kind());
      body.put("type", type);
      ObjectNode m = source(body.putObject(type), media.source());
      media.caption().ifPresent(c -> m.put("caption", c));
      media.filename().ifPresent(f -> m.put("filename", f));
    } else if (content instanceof Location location) {
      body.put("type", "location");
      ObjectNode l = body.putObject("location");
      l.put("latitude", location.latitude());
      l.put("longitude", location.longitude());
      location.name().ifPresent(n -> l.put("name", n));
      location.address().ifPresent(a -> l.put("address", a));
    } else if (content instanceof Contacts contacts) {
      body.put("type", "contacts");
      ArrayNode cards = body.putArray("contacts");
      contacts.cards().forEach(card -> cards.add(card(card)));
    } else if (content instanceof Reaction reaction) {
      body.put("type", "reaction");
      body.putObject("reaction").put("message_id", reaction.messageId()).put("emoji", reaction.emoji());
    } else if (content instanceof Template template) {
      body.put("type", "template");
      body.set("template", template(template));
    } else if (content instanceof Interactive interactive) {
      body.put("type", "interactive");
      body.set("interactive", interactive(interactive));
    } else {
      throw new IllegalArgumentException("unsupported content " + content.getClass().getName());
    }
    request.callbackData().ifPresent(d -> body.put("biz_opaque_callback_data", d));
    return body;
  }

  /**
   * Reads the answer of a send.
   *
   * @param connection the sending connection
   * @param response Meta's answer
   * @return the receipt
   * @throws SwitchboardException if the answer carries no message id
   */
  public static SendReceipt toReceipt(ChannelConnection connection, JsonNode response) {
    JsonNode message = response.path("messages").path(0);
    String id = message.path("id").asText("");
    if (id.isEmpty()) {
      throw new SwitchboardException("WhatsApp accepted the send but its answer carries no messages[0].id");
    }
    return new SendReceipt(
        connection.tenant(),
        connection.channel(),
        connection.accountId(),
        id,
        text(response.path("contacts").path(0), "wa_id"),
        text(message, "message_status"));
  }

  private static Optional<String> text(JsonNode node, String field) {
    JsonNode value = node.get(field);
    return value == null || value.isNull() || value.asText().isEmpty() ? Optional.empty() : Optional.of(value.asText());
  }

  private static String kind(MediaKind kind) {
    return kind.name().toLowerCase(Locale.ROOT);
  }

  private static ObjectNode source(ObjectNode target, MediaSource source) {
    if (source instanceof MediaSource.UploadedId id) {
      target.put("id", id.id());
    } else if (source instanceof MediaSource.Link link) {
      target.put("link", link.url().toString());
    }
    return target;
  }

  private static ObjectNode card(ContactCard card) {
    ObjectNode c = JSON.objectNode();
    ObjectNode name = c.putObject("name");
    name.put("formatted_name", card.formattedName());
    card.firstName().ifPresent(v -> name.put("first_name", v));
    card.lastName().ifPresent(v -> name.put("last_name", v));
    if (!card.phones().isEmpty()) {
      ArrayNode phones = c.putArray("phones");
      for (ContactCard.Phone p : card.phones()) {
        ObjectNode o = phones.addObject().put("phone", p.phone());
        p.type().ifPresent(v -> o.put("type", v));
        p.waId().ifPresent(v -> o.put("wa_id", v));
      }
    }
    if (!card.emails().isEmpty()) {
      ArrayNode emails = c.putArray("emails");
      for (ContactCard.Email e : card.emails()) {
        ObjectNode o = emails.addObject().put("email", e.email());
        e.type().ifPresent(v -> o.put("type", v));
      }
    }
    if (!card.urls().isEmpty()) {
      ArrayNode urls = c.putArray("urls");
      for (ContactCard.Url u : card.urls()) {
        ObjectNode o = urls.addObject().put("url", u.url());
        u.type().ifPresent(v -> o.put("type", v));
      }
    }
    if (!card.addresses().isEmpty()) {
      ArrayNode addresses = c.putArray("addresses");
      for (ContactCard.Address a : card.addresses()) {
        ObjectNode o = addresses.addObject();
        a.street().ifPresent(v -> o.put("street", v));
        a.city().ifPresent(v -> o.put("city", v));
        a.state().ifPresent(v -> o.put("state", v));
        a.zip().ifPresent(v -> o.put("zip", v));
        a.country().ifPresent(v -> o.put("country", v));
        a.countryCode().ifPresent(v -> o.put("country_code", v));
        a.type().ifPresent(v -> o.put("type", v));
      }
    }
    card.organization().ifPresent(org -> {
      ObjectNode o = c.putObject("org");
      org.company().ifPresent(v -> o.put("company", v));
      org.department().ifPresent(v -> o.put("department", v));
      org.title().ifPresent(v -> o.put("title", v));
    });
    card.birthday().ifPresent(b -> c.put("birthday", b.toString()));
    return c;
  }

  private static ObjectNode template(Template template) {
    ObjectNode t = JSON.objectNode();
    t.put("name", template.name());
    t.putObject("language").put("code", template.languageCode());
    if (!template.components().isEmpty()) {
      ArrayNode components = t.putArray("components");
      for (TemplateComponent component : template.components()) {
        ObjectNode c = components.addObject();
        c.put("type", component.type().name().toLowerCase(Locale.ROOT));
        component.buttonSubType().ifPresent(s -> c.put("sub_type", s));
        component.buttonIndex().ifPresent(i -> c.put("index", Integer.toString(i)));
        ArrayNode parameters = c.putArray("parameters");
        component.parameters().forEach(p -> parameters.add(parameter(p)));
      }
    }
    return t;
  }

  private static ObjectNode parameter(TemplateParameter parameter) {
    ObjectNode p = JSON.objectNode();
    if (parameter instanceof TemplateParameter.TextParameter text) {
      p.put("type", "text");
      text.name().ifPresent(n -> p.put("parameter_name", n));
      p.put("text", text.text());
    } else if (parameter instanceof TemplateParameter.CurrencyParameter currency) {
      p.put("type", "currency");
      currency.name().ifPresent(n -> p.put("parameter_name", n));
      p.putObject("currency")
          .put("fallback_value", currency.fallbackValue())
          .put("code", currency.currencyCode())
          .put("amount_1000", currency.amount1000());
    } else if (parameter instanceof TemplateParameter.DateTimeParameter dateTime) {
      p.put("type", "date_time");
      dateTime.name().ifPresent(n -> p.put("parameter_name", n));
      p.putObject("date_time").put("fallback_value", dateTime.fallbackValue());
    } else if (parameter instanceof TemplateParameter.MediaParameter media) {
      String type = kind(media.kind());
      p.put("type", type);
      media.name().ifPresent(n -> p.put("parameter_name", n));
      ObjectNode m = source(p.putObject(type), media.source());
      media.filename().ifPresent(f -> m.put("filename", f));
    } else if (parameter instanceof TemplateParameter.PayloadParameter payload) {
      p.put("type", "payload");
      p.put("payload", payload.payload());
    }
    return p;
  }

  private static ObjectNode interactive(Interactive interactive) {
    ObjectNode i = JSON.objectNode();
    if (interactive instanceof Interactive.ReplyButtons buttons) {
      i.put("type", "button");
      common(i, interactive);
      ArrayNode list = i.putObject("action").putArray("buttons");
      for (Interactive.ReplyButtons.Button b : buttons.buttons()) {
        ObjectNode button = list.addObject().put("type", "reply");
        button.putObject("reply").put("id", b.id()).put("title", b.title());
      }
    } else if (interactive instanceof Interactive.OptionList optionList) {
      i.put("type", "list");
      common(i, interactive);
      ObjectNode action = i.putObject("action");
      action.put("button", optionList.buttonText());
      ArrayNode sections = action.putArray("sections");
      for (Interactive.OptionList.Section s : optionList.sections()) {
        ObjectNode section = sections.addObject();
        s.title().ifPresent(t -> section.put("title", t));
        ArrayNode rows = section.putArray("rows");
        for (Interactive.OptionList.Row r : s.rows()) {
          ObjectNode row = rows.addObject().put("id", r.id()).put("title", r.title());
          r.description().ifPresent(d -> row.put("description", d));
        }
      }
    } else if (interactive instanceof Interactive.CtaUrl cta) {
      i.put("type", "cta_url");
      common(i, interactive);
      ObjectNode action = i.putObject("action").put("name", "cta_url");
      action.putObject("parameters").put("display_text", cta.displayText()).put("url", cta.url().toString());
    }
    return i;
  }

  private static void common(ObjectNode target, Interactive interactive) {
    interactive.header().ifPresent(h -> target.set("header", header(h)));
    target.putObject("body").put("text", interactive.body());
    interactive.footer().ifPresent(f -> target.putObject("footer").put("text", f));
  }

  private static ObjectNode header(InteractiveHeader header) {
    ObjectNode h = JSON.objectNode();
    if (header instanceof InteractiveHeader.TextHeader text) {
      h.put("type", "text").put("text", text.text());
    } else if (header instanceof InteractiveHeader.MediaHeader media) {
      String type = kind(media.kind());
      h.put("type", type);
      source(h.putObject(type), media.source());
    }
    return h;
  }
}
