package io.switchboard.channel.messenger.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.switchboard.SwitchboardException;
import io.switchboard.channel.messenger.SenderAction;
import io.switchboard.connection.ChannelConnection;
import io.switchboard.message.ButtonTemplate;
import io.switchboard.message.CardButton;
import io.switchboard.message.CardCarousel;
import io.switchboard.message.Media;
import io.switchboard.message.MediaSource;
import io.switchboard.message.MessageContent;
import io.switchboard.message.MessagingType;
import io.switchboard.message.QuickReplies;
import io.switchboard.message.SendReceipt;
import io.switchboard.message.SendRequest;
import io.switchboard.message.Text;
import java.util.List;
import java.util.Optional;

/**
 * Turns a {@link SendRequest} into the body of {@code POST /{page_id}/messages} and the answer
 * into a {@link SendReceipt}. Stateless and thread-safe.
 */
public final class MessengerMessageMapper {

  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

  private MessengerMessageMapper() {}

  /**
   * The request body.
   *
   * @param request a request that passed {@link MessengerValidator}
   * @return the JSON body
   * @throws IllegalArgumentException for content Messenger cannot send (validation refuses it
   *     first)
   */
  public static ObjectNode toBody(SendRequest request) {
    ObjectNode body = JSON.objectNode();
    body.putObject("recipient").put("id", request.to());
    if (request.messagingType() == MessagingType.HUMAN_AGENT) {
      body.put("messaging_type", "MESSAGE_TAG");
      body.put("tag", "HUMAN_AGENT");
    } else {
      body.put("messaging_type", request.messagingType().name());
    }
    ObjectNode message = body.putObject("message");
    writeContent(message, request.content());
    request.callbackData().ifPresent(m -> message.put("metadata", m));
    request.replyTo().ifPresent(mid -> body.putObject("reply_to").put("mid", mid));
    return body;
  }

  /**
   * The body of a sender action.
   *
   * @param psid the person
   * @param action the action
   * @return the JSON body
   */
  public static ObjectNode senderAction(String psid, SenderAction action) {
    ObjectNode body = JSON.objectNode();
    body.putObject("recipient").put("id", psid);
    body.put("sender_action", action.wireValue());
    return body;
  }

  private static void writeContent(ObjectNode message, MessageContent content) {
    if (content instanceof Text text) {
      message.put("text", text.body());
    } else if (content instanceof Media media) {
      ObjectNode attachment = message.putObject("attachment");
      attachment.put("type", attachmentType(media));
      ObjectNode payload = attachment.putObject("payload");
      if (media.source() instanceof MediaSource.UploadedId uploaded) {
        payload.put("attachment_id", uploaded.id());
      } else if (media.source() instanceof MediaSource.Link link) {
        payload.put("url", link.url().toString());
        payload.put("is_reusable", true);
      }
    } else if (content instanceof QuickReplies quick) {
      message.put("text", quick.text());
      ArrayNode replies = message.putArray("quick_replies");
      for (QuickReplies.QuickReply reply : quick.replies()) {
        ObjectNode r = replies.addObject();
        r.put("content_type", "text");
        r.put("title", reply.title());
        r.put("payload", reply.payload());
        reply.imageUrl().ifPresent(url -> r.put("image_url", url));
      }
    } else if (content instanceof ButtonTemplate template) {
      ObjectNode payload = template(message, "button");
      payload.put("text", template.text());
      buttons(payload, template.buttons());
    } else if (content instanceof CardCarousel carousel) {
      ObjectNode payload = template(message, "generic");
      ArrayNode elements = payload.putArray("elements");
      for (CardCarousel.Card card : carousel.cards()) {
        ObjectNode element = elements.addObject();
        element.put("title", card.title());
        card.subtitle().ifPresent(s -> element.put("subtitle", s));
        card.imageUrl().ifPresent(u -> element.put("image_url", u.toString()));
        card.defaultActionUrl().ifPresent(u ->
            element.putObject("default_action").put("type", "web_url").put("url", u.toString()));
        if (!card.buttons().isEmpty()) {
          buttons(element, card.buttons());
        }
      }
    } else {
      throw new IllegalArgumentException(
          "Messenger cannot send " + content.getClass().getSimpleName() + "; validate the request first");
    }
  }

  private static ObjectNode template(ObjectNode message, String templateType) {
    ObjectNode attachment = message.putObject("attachment");
    attachment.put("type", "template");
    ObjectNode payload = attachment.putObject("payload");
    payload.put("template_type", templateType);
    return payload;
  }

  private static void buttons(ObjectNode target, List<CardButton> buttons) {
    ArrayNode array = target.putArray("buttons");
    for (CardButton button : buttons) {
      ObjectNode b = array.addObject();
      if (button instanceof CardButton.UrlButton url) {
        b.put("type", "web_url").put("url", url.url().toString()).put("title", url.title());
      } else if (button instanceof CardButton.PostbackButton postback) {
        b.put("type", "postback").put("title", postback.title()).put("payload", postback.payload());
      }
    }
  }

  private static String attachmentType(Media media) {
    return switch (media.kind()) {
      case IMAGE -> "image";
      case VIDEO -> "video";
      case AUDIO -> "audio";
      case DOCUMENT -> "file";
      case STICKER -> throw new IllegalArgumentException("Messenger cannot send stickers; validate the request first");
    };
  }

  /**
   * The receipt for a Send API answer {@code {"recipient_id":..., "message_id":...}}.
   *
   * @param connection the sending Page
   * @param answer the JSON answer
   * @return the receipt
   * @throws SwitchboardException if the answer has no {@code message_id}
   */
  public static SendReceipt toReceipt(ChannelConnection connection, JsonNode answer) {
    Optional<String> messageId = MsJson.opt(answer, "message_id");
    if (messageId.isEmpty()) {
      throw new SwitchboardException("Messenger accepted the send but its answer carries no message_id");
    }
    return new SendReceipt(
        connection.tenant(),
        connection.channel(),
        connection.accountId(),
        messageId.get(),
        MsJson.opt(answer, "recipient_id"),
        Optional.empty());
  }
}
