package io.switchboard.event;

import io.switchboard.ChannelType;
import java.time.Instant;
import java.util.Objects;

/**
 * Any other webhook a channel sends about an account: template approved or rejected, phone number
 * quality changed, account alerts, comments and mentions. Passed through as JSON so that nothing
 * is dropped, even for webhook fields this version of Switchboard does not model.
 *
 * @param channel the channel
 * @param accountId the account the notification is about (for WhatsApp account-level fields, the
 *     WhatsApp Business Account id)
 * @param externalId a stable id derived from the notification's content
 * @param occurredAt the time the channel gave, or when Switchboard received it
 * @param topic the webhook field, such as {@code message_template_status_update}
 * @param payloadJson the notification's {@code value} object as JSON
 */
public record ChannelNotification(
    ChannelType channel, String accountId, String externalId, Instant occurredAt, String topic, String payloadJson)
    implements InboundEvent {

  /** Checks required fields. */
  public ChannelNotification {
    Objects.requireNonNull(channel, "channel");
    Objects.requireNonNull(accountId, "accountId");
    Objects.requireNonNull(externalId, "externalId");
    Objects.requireNonNull(occurredAt, "occurredAt");
    Objects.requireNonNull(topic, "topic");
    Objects.requireNonNull(payloadJson, "payloadJson");
  }
}
