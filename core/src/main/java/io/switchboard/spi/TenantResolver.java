package io.switchboard.spi;

import io.switchboard.ChannelType;
import io.switchboard.TenantId;
import java.util.Optional;

/**
 * Maps the account a webhook event arrived for (WhatsApp phone number id, Page id, Instagram
 * account id) to the tenant that owns it.
 *
 * <p>The default resolver reads the {@link ConnectionStore} through a cache; a host may supply its
 * own. Must be thread-safe; called on the webhook path for every event, so it should answer from
 * memory in the common case. May block on a store lookup for a cache miss.
 */
@FunctionalInterface
public interface TenantResolver {

  /**
   * Resolves the owner of an account.
   *
   * @param channel the channel
   * @param accountId the account id from the webhook
   * @return the owning tenant, or empty if no tenant has connected this account
   */
  Optional<TenantId> resolve(ChannelType channel, String accountId);
}
