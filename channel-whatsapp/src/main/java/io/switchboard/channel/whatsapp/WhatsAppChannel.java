package io.switchboard.channel.whatsapp;

import com.fasterxml.jackson.databind.JsonNode;
import io.switchboard.ChannelType;
import io.switchboard.Secret;
import io.switchboard.ValidationException;
import io.switchboard.channel.whatsapp.internal.WhatsAppWebhookParser;
import io.switchboard.connection.ChannelConnection;
import io.switchboard.event.InboundEvent;
import io.switchboard.message.SendReceipt;
import io.switchboard.message.SendRequest;
import io.switchboard.spi.ChannelAdapter;
import io.switchboard.spi.ChannelContext;
import java.util.List;
import java.util.Set;

/**
 * The WhatsApp Cloud API channel.
 *
 * <p>Register it with {@code Switchboard.builder().channel(WhatsAppChannel.create())}. It parses
 * webhooks with {@code object = whatsapp_business_account}, sends every WhatsApp message type, and
 * gives access to WhatsApp-only operations (media, templates, read receipts). Thread-safe.
 */
public final class WhatsAppChannel implements ChannelAdapter {

  private final WhatsAppConfig config;
  private volatile ChannelContext context;
  private volatile WhatsAppWebhookParser parser;

  private WhatsAppChannel(WhatsAppConfig config) {
    this.config = config;
  }

  /**
   * A channel with default settings.
   *
   * @return the channel
   */
  public static WhatsAppChannel create() {
    return new WhatsAppChannel(WhatsAppConfig.defaults());
  }

  /**
   * A channel with the given settings.
   *
   * @param config the settings
   * @return the channel
   */
  public static WhatsAppChannel create(WhatsAppConfig config) {
    return new WhatsAppChannel(config);
  }

  @Override
  public ChannelType channel() {
    return ChannelType.WHATSAPP;
  }

  @Override
  public Set<String> webhookObjects() {
    return Set.of("whatsapp_business_account");
  }

  @Override
  public void bind(ChannelContext context) {
    if (this.context != null) {
      throw new IllegalStateException("this WhatsAppChannel is already registered with a Switchboard");
    }
    this.context = context;
    this.parser = new WhatsAppWebhookParser(context.clock());
  }

  @Override
  public List<InboundEvent> parseWebhook(JsonNode payload) {
    return bound().parserOrFail().parse(payload);
  }

  @Override
  public List<ValidationException.Violation> validate(SendRequest request) {
    throw new UnsupportedOperationException("not yet implemented");
  }

  @Override
  public SendReceipt send(ChannelConnection connection, Secret accessToken, SendRequest request) {
    throw new UnsupportedOperationException("not yet implemented");
  }

  /**
   * The settings.
   *
   * @return the configuration
   */
  public WhatsAppConfig config() {
    return config;
  }

  private WhatsAppChannel bound() {
    if (context == null) {
      throw new IllegalStateException("register this WhatsAppChannel with Switchboard.builder().channel(...) first");
    }
    return this;
  }

  private WhatsAppWebhookParser parserOrFail() {
    return parser;
  }

  ChannelContext context() {
    return bound().context;
  }
}
