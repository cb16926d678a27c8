package io.switchboard.event;

import io.switchboard.ChannelType;
import io.switchboard.spi.InboxEntry;
import io.switchboard.spi.MalformedWebhook;
import java.util.List;
import java.util.Optional;

/**
 * The host's view of the inbound event inbox: inspection of events that are waiting, unroutable or
 * malformed, and a way to dispatch due events on the calling thread. Obtained from
 * {@code Switchboard.inbox()}. Thread-safe.
 */
public interface Inbox {

  /**
   * Hands every due event to the {@link EventHandler} on the calling thread, until none is due.
   * {@code Switchboard.start()} does this in the background; call it directly where the host
   * drives work itself (a scheduled job, a serverless function) or in tests.
   *
   * @return how many events were handed to the handler (successfully or not)
   */
  int dispatchDue();

  /**
   * Events kept because no tenant owned their account when they arrived. They are handed to the
   * tenant that connects the account later.
   *
   * @param limit the most to return
   * @return the entries, oldest first
   */
  List<InboxEntry> unroutable(int limit);

  /**
   * Signed webhook bodies that could not be processed, kept for inspection.
   *
   * @param limit the most to return
   * @return the records, newest first
   */
  List<MalformedWebhook> malformed(int limit);

  /**
   * Looks up one stored event.
   *
   * @param channel the channel
   * @param externalId the channel's event id
   * @return the entry, with its dispatch state
   */
  Optional<InboxEntry> find(ChannelType channel, String externalId);
}
