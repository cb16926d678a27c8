package io.switchboard.channel.whatsapp.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.switchboard.event.InboundEvent;
import java.time.Clock;
import java.util.List;

/** Parses WhatsApp Cloud API webhook bodies into events. Placeholder: being implemented. */
public final class WhatsAppWebhookParser {

  private final Clock clock;

  /**
   * Creates a parser.
   *
   * @param clock used for events whose payload carries no time
   */
  public WhatsAppWebhookParser(Clock clock) {
    this.clock = clock;
  }

  /**
   * Parses a webhook body.
   *
   * @param payload the body, {@code object = whatsapp_business_account}
   * @return the events
   */
  public List<InboundEvent> parse(JsonNode payload) {
    throw new UnsupportedOperationException("not yet implemented " + clock);
  }
}
