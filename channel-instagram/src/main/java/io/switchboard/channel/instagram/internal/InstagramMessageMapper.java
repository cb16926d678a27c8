package io.switchboard.channel.instagram.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.switchboard.SwitchboardException;
import io.switchboard.channel.instagram.InstagramProfile;
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
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Builds Send API bodies ({@code {"recipient":{"id":IGSID},"message":{...}}}, the Messenger
 * shape both Instagram setups accept) and reads the answers. Stateless and thread-safe.
 */
public final class InstagramMessageMapper {

  /** Fields requested by a profile lookup. */
  public static final String PROFILE_FIELDS =
      "name,username,profile_pic,follower_count,is_user_follow_business,is_business_follow_user,is_verified_user";

  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

  private InstagramMessageMapper() {}

  /**
   * The body of {@code POST /{node}/messages}.
   *
   * @param request a request that passed validation
   * @param withMessagingType whether RESPONSE and UPDATE are stated as {@code messaging_type};
   *     HUMAN_AGENT is always sent as {@code MESSAGE_TAG} with {@code tag:"HUMAN_AGENT"}
   * @return the body
   */
  public static ObjectNode toBody(SendRequest request, boolean withMessagingType) {
    ObjectNode body = JSON.objectNode();
    body.putObject("recipient").put("id", request.to());
    MessagingType type = request.messagingType();
    if (type == MessagingType.HUMAN_AGENT) {
      body.put("messaging_type", "MESSAGE_TAG");
      body.put("tag", "HUMAN_AGENT");
    } else if (withMessagingType) {
      body.put("messaging_type", type.name());
    }
    request.replyTo().ifPresent(mid -> body.putObject("reply_to").put("mid", mid));
    body.set("message", message(request.content()));
    return body;
  }

  private static ObjectNode message(MessageContent content) {
    ObjectNode message = JSON.objectNode();
    if (content instanceof Text text) {
      message.put("text", text.body());
    } else if (content instanceof Media media) {
      ObjectNode attachment = message.putObject("attachment");
      attachment.put("type", media.kind().name().toLowerCase(Locale.ROOT));
      attachment.putObject("payload").put("url", ((MediaSource.Link) media.source()).url().toString());
    } else if (content instanceof QuickReplies quick) {
      message.put("text", quick.text());
      ArrayNode replies = message.putArray("quick_replies");
      for (QuickReplies.QuickReply reply : quick.replies()) {
        replies.addObject().put("content_type", "text").put("title", reply.title()).put("payload", reply.payload());
      }
    } else if (content instanceof ButtonTemplate template) {
      ObjectNode payload = template(message, "button");
      payload.put("text", template.text());
      buttons(payload, template.buttons());
    } else if (content instanceof CardCarousel carousel) {
      ArrayNode elements = template(message, "generic").putArray("elements");
      for (CardCarousel.Card card : carousel.cards()) {
        ObjectNode element = elements.addObject().put("title", card.title());
        card.subtitle().ifPresent(s -> element.put("subtitle", s));
        card.imageUrl().ifPresent(u -> element.put("image_url", u.toString()));
        card.defaultActionUrl().ifPresent(u -> element.putObject("default_action").put("type", "web_url").put("url", u.toString()));
        if (!card.buttons().isEmpty()) {
          buttons(element, card.buttons());
        }
      }
    } else {
      // validate() refuses every other kind before a body is built
      throw new IllegalArgumentException(content.getClass().getSimpleName() + " is not supported by Instagram");
    }
    return message;
  }

  private static ObjectNode template(ObjectNode message, String templateType) {
    ObjectNode attachment = message.putObject("attachment");
    attachment.put("type", "template");
    return attachment.putObject("payload").put("template_type", templateType);
  }

  private static void buttons(ObjectNode parent, List<CardButton> buttons) {
    ArrayNode array = parent.putArray("buttons");
    for (CardButton button : buttons) {
      if (button instanceof CardButton.UrlButton url) {
        array.addObject().put("type", "web_url").put("url", url.url().toString()).put("title", url.title());
      } else if (button instanceof CardButton.PostbackButton postback) {
        array.addObject().put("type", "postback").put("title", postback.title()).put("payload", postback.payload());
      }
    }
  }

  /**
   * Reads {@code {"recipient_id":..., "message_id":...}}.
   *
   * @param connection the sending connection
   * @param answer the answer
   * @return the receipt
   * @throws SwitchboardException if the answer carries no {@code message_id}
   */
  public static SendReceipt toReceipt(ChannelConnection connection, JsonNode answer) {
    String id = IgJson.text(answer, "message_id");
    if (id == null || id.isEmpty()) {
      throw new SwitchboardException("Instagram accepted the send but its answer carries no message_id");
    }
    return new SendReceipt(
        connection.tenant(), connection.channel(), connection.accountId(), id,
        IgJson.optText(answer, "recipient_id"), Optional.empty());
  }

  /**
   * Reads a profile answer.
   *
   * @param igsid the id looked up
   * @param answer the answer
   * @return the profile
   */
  public static InstagramProfile toProfile(String igsid, JsonNode answer) {
    Long followers = IgJson.longValue(answer, "follower_count");
    return new InstagramProfile(
        igsid,
        IgJson.optText(answer, "name"),
        IgJson.optText(answer, "username"),
        IgJson.optText(answer, "profile_pic"),
        followers == null ? OptionalLong.empty() : OptionalLong.of(followers),
        IgJson.optBoolean(answer, "is_user_follow_business"),
        IgJson.optBoolean(answer, "is_business_follow_user"),
        IgJson.optBoolean(answer, "is_verified_user"));
  }

}
