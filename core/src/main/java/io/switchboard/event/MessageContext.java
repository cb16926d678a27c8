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
 * @param replyToStoryId the Instagram story this message answers, if any
 * @param replyToStoryUrl the URL of that story's media (expires), if any
 */
public record MessageContext(
    Optional<String> replyToMessageId,
    Optional<String> replyToFrom,
    boolean forwarded,
    boolean frequentlyForwarded,
    Optional<String> replyToStoryId,
    Optional<String> replyToStoryUrl) {

  /** Checks required fields. */
  public MessageContext {
    Objects.requireNonNull(replyToMessageId, "replyToMessageId");
    Objects.requireNonNull(replyToFrom, "replyToFrom");
    Objects.requireNonNull(replyToStoryId, "replyToStoryId");
    Objects.requireNonNull(replyToStoryUrl, "replyToStoryUrl");
  }

  /**
   * A context without story reply.
   *
   * @param replyToMessageId quoted message id
   * @param replyToFrom author of the quoted message
   * @param forwarded whether forwarded
   * @param frequentlyForwarded whether forwarded many times
   */
  public MessageContext(
      Optional<String> replyToMessageId, Optional<String> replyToFrom, boolean forwarded, boolean frequentlyForwarded) {
    this(replyToMessageId, replyToFrom, forwarded, frequentlyForwarded, Optional.empty(), Optional.empty());
  }
}
