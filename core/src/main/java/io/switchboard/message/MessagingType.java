package io.switchboard.message;

/**
 * Why a message is sent, which decides when Messenger and Instagram allow it. WhatsApp ignores it
 * (outside its 24-hour window only templates may be sent).
 */
public enum MessagingType {
  /** A reply to the customer within 24 hours of their last message. The default. */
  RESPONSE,
  /** A proactive update within 24 hours of the customer's last message. */
  UPDATE,
  /**
   * Written by a person (not automation), replying up to 7 days after the customer's last message
   * (the {@code HUMAN_AGENT} tag, which needs Meta's Human Agent permission).
   */
  HUMAN_AGENT
}
