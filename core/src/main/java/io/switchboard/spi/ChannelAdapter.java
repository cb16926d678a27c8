package io.switchboard.spi;

import com.fasterxml.jackson.databind.JsonNode;
import io.switchboard.ChannelType;
import io.switchboard.Secret;
import io.switchboard.ValidationException;
import io.switchboard.connection.ChannelConnection;
import io.switchboard.event.InboundEvent;
import io.switchboard.message.SendReceipt;
import io.switchboard.message.SendRequest;
import java.util.List;
import java.util.Set;

/**
 * Translates between one channel's wire formats and Switchboard's model: webhook JSON to
 * {@link InboundEvent}s, {@link SendRequest}s to Graph API calls, Graph errors to
 * {@link io.switchboard.graph.GraphApiException}.
 *
 * <p>Adapters own no threads and no storage. They must be thread-safe: Switchboard calls them
 * concurrently from webhook and sending threads.
 */
public interface ChannelAdapter {

  /**
   * The channel this adapter serves.
   *
   * @return the channel
   */
  ChannelType channel();

  /**
   * The webhook {@code object} values this adapter parses, such as
   * {@code whatsapp_business_account}. Two registered adapters may not claim the same value.
   *
   * @return the object names
   */
  Set<String> webhookObjects();

  /**
   * Called once when the adapter is registered with a Switchboard, before any other method.
   *
   * @param context the Graph client, clock, and connection access
   */
  void bind(ChannelContext context);

  /**
   * Turns a verified webhook body into events. Every entry and change must be handled; parts the
   * adapter does not model become {@link io.switchboard.event.ChannelNotification}s rather than
   * being dropped.
   *
   * @param payload the parsed body; its {@code object} is one of {@link #webhookObjects()}
   * @return the events, in payload order
   * @throws IllegalArgumentException if the payload's structure is not what the channel documents
   */
  List<InboundEvent> parseWebhook(JsonNode payload);

  /**
   * Checks a request against the channel's documented limits, without any I/O.
   *
   * @param request the request
   * @return every problem found; empty if the request is valid
   */
  List<ValidationException.Violation> validate(SendRequest request);

  /**
   * Sends a validated request with the connection's token.
   *
   * @param connection the sending connection
   * @param accessToken its decrypted token
   * @param request the request
   * @return the channel's receipt
   * @throws io.switchboard.graph.GraphApiException if the channel rejects it
   * @throws io.switchboard.TransportException if no answer came back
   */
  SendReceipt send(ChannelConnection connection, Secret accessToken, SendRequest request);
}
