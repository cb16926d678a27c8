package io.switchboard.spi;

import io.switchboard.ChannelType;
import io.switchboard.TenantId;

/**
 * Decides whether a tenant may send bulk (campaign) messages to a recipient: the host's record of
 * opt-ins. Campaigns call it for every recipient before queueing; without a checker, every
 * recipient is refused. Must be thread-safe; may block.
 */
@FunctionalInterface
public interface ConsentChecker {

  /** Refuses everyone: the default until the host supplies its own checker. */
  ConsentChecker DENY_ALL = (tenant, channel, recipient) -> false;

  /**
   * Whether the recipient agreed to receive the tenant's bulk messages on the channel.
   *
   * @param tenant the sending tenant
   * @param channel the channel
   * @param recipient the recipient's id on the channel
   * @return true to send
   */
  boolean hasConsent(TenantId tenant, ChannelType channel, String recipient);
}
