package io.switchboard.internal;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import io.switchboard.message.ButtonTemplate;
import io.switchboard.message.CardButton;
import io.switchboard.message.CardCarousel;
import io.switchboard.message.Contacts;
import io.switchboard.message.Interactive;
import io.switchboard.message.InteractiveHeader;
import io.switchboard.message.Location;
import io.switchboard.message.Media;
import io.switchboard.message.MediaSource;
import io.switchboard.message.MessageContent;
import io.switchboard.message.QuickReplies;
import io.switchboard.message.Reaction;
import io.switchboard.message.SendRequest;
import io.switchboard.message.Template;
import io.switchboard.message.TemplateParameter;
import io.switchboard.message.Text;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Serialises {@link SendRequest}s for the outbox and back, with stable type names added through
 * mix-ins (the public model carries no Jackson annotations). Thread-safe.
 */
public final class MessageCodec {

  @JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "@type")
  @JsonSubTypes({
    @JsonSubTypes.Type(value = Text.class, name = "text"),
    @JsonSubTypes.Type(value = Media.class, name = "media"),
    @JsonSubTypes.Type(value = Location.class, name = "location"),
    @JsonSubTypes.Type(value = Contacts.class, name = "contacts"),
    @JsonSubTypes.Type(value = Reaction.class, name = "reaction"),
    @JsonSubTypes.Type(value = Template.class, name = "template"),
    @JsonSubTypes.Type(value = Interactive.ReplyButtons.class, name = "reply_buttons"),
    @JsonSubTypes.Type(value = Interactive.OptionList.class, name = "option_list"),
    @JsonSubTypes.Type(value = Interactive.CtaUrl.class, name = "cta_url"),
    @JsonSubTypes.Type(value = QuickReplies.class, name = "quick_replies"),
    @JsonSubTypes.Type(value = ButtonTemplate.class, name = "button_template"),
    @JsonSubTypes.Type(value = CardCarousel.class, name = "card_carousel")
  })
  private interface ContentMixin {}

  @JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "@type")
  @JsonSubTypes({
    @JsonSubTypes.Type(value = MediaSource.UploadedId.class, name = "id"),
    @JsonSubTypes.Type(value = MediaSource.Link.class, name = "link")
  })
  private interface SourceMixin {}

  @JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "@type")
  @JsonSubTypes({
    @JsonSubTypes.Type(value = TemplateParameter.TextParameter.class, name = "text"),
    @JsonSubTypes.Type(value = TemplateParameter.CurrencyParameter.class, name = "currency"),
    @JsonSubTypes.Type(value = TemplateParameter.DateTimeParameter.class, name = "date_time"),
    @JsonSubTypes.Type(value = TemplateParameter.MediaParameter.class, name = "media"),
    @JsonSubTypes.Type(value = TemplateParameter.PayloadParameter.class, name = "payload")
  })
  private interface ParameterMixin {}

  @JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "@type")
  @JsonSubTypes({
    @JsonSubTypes.Type(value = InteractiveHeader.TextHeader.class, name = "text"),
    @JsonSubTypes.Type(value = InteractiveHeader.MediaHeader.class, name = "media")
  })
  private interface HeaderMixin {}

  @JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "@type")
  @JsonSubTypes({
    @JsonSubTypes.Type(value = CardButton.UrlButton.class, name = "url"),
    @JsonSubTypes.Type(value = CardButton.PostbackButton.class, name = "postback")
  })
  private interface ButtonMixin {}

  private final ObjectWriter writer;
  private final ObjectReader reader;

  /** Creates a codec. */
  public MessageCodec() {
    ObjectMapper mapper = RecordJson.mapper()
        .addMixIn(MessageContent.class, ContentMixin.class)
        .addMixIn(MediaSource.class, SourceMixin.class)
        .addMixIn(TemplateParameter.class, ParameterMixin.class)
        .addMixIn(InteractiveHeader.class, HeaderMixin.class)
        .addMixIn(CardButton.class, ButtonMixin.class);
    this.writer = mapper.writerFor(SendRequest.class);
    this.reader = mapper.readerFor(SendRequest.class);
  }

  /**
   * Serialises a request.
   *
   * @param request the request
   * @return JSON text
   */
  public String encode(SendRequest request) {
    try {
      return writer.writeValueAsString(request);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot serialise a " + request.content().getClass().getSimpleName() + " request", e);
    }
  }

  /**
   * Reads a request written by {@link #encode}.
   *
   * @param json JSON text
   * @return the request
   */
  public SendRequest decode(String json) {
    try {
      return reader.readValue(json);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read a stored request: " + e.getMessage(), e);
    }
  }
}
