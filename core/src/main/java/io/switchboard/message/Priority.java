package io.switchboard.message;

/**
 * How urgently a queued message goes out. Conversational messages (a reply a person waits for) are
 * always dispatched before bulk messages (campaigns), so a bulk backlog never delays a reply by
 * more than one dispatch round.
 */
public enum Priority {
  /** A reply or notification someone is waiting for. The default. */
  CONVERSATIONAL,
  /** Campaigns and other mass sends. */
  BULK
}
