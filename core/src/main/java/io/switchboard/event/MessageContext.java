package io.switchboard.event;

import java.util.Objects;
import java.util.Optional;

/**
 * How an inbound message relates to others.
 *
 * @param replyToMessageId the channel id of the message this one quotes, if it is a reply
 * @param replyToFrom who wrote the quoted message (on WhatsApp, the business number), if known
 * @param forwarded whether the customer forwarded it
 * @param frequentlyForwarded whether it has been forwarded many times
 */
public record MessageContext(
    Optional<String> replyToMessageId, Optional<String> replyToFrom, boolean forwarded, boolean frequentlyForwarded) {

  /** Checks required fields. */
  public MessageContext {
    Objects.requireNonNull(replyToMessageId, "replyToMessageId");
    Objects.requireNonNull(replyToFrom, "replyToFrom");
  }
}
