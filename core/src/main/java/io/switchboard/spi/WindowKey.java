package io.switchboard.spi;

import io.switchboard.ChannelType;
import io.switchboard.TenantId;
import java.util.Objects;

/**
 * One conversation: a tenant's account and one contact on a channel.
 *
 * @param tenant the tenant
 * @param channel the channel
 * @param accountId the tenant's account (phone number id, Page id, Instagram account id)
 * @param contactId the customer's id on the channel (wa_id, PSID, IGSID)
 */
public record WindowKey(TenantId tenant, ChannelType channel, String accountId, String contactId) {
  /** Checks required fields. */
  public WindowKey {
    Objects.requireNonNull(tenant, "tenant");
    Objects.requireNonNull(channel, "channel");
    Objects.requireNonNull(accountId, "accountId");
    Objects.requireNonNull(contactId, "contactId");
  }
}
