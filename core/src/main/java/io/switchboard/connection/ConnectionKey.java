package io.switchboard.connection;

import io.switchboard.ChannelType;
import io.switchboard.TenantId;
import java.util.Objects;

/**
 * Names one connection: a tenant's account on a channel.
 *
 * @param tenant the owning tenant
 * @param channel the channel
 * @param accountId WhatsApp phone number id, Page id, or Instagram account id
 */
public record ConnectionKey(TenantId tenant, ChannelType channel, String accountId) {

  /** Checks required fields. */
  public ConnectionKey {
    Objects.requireNonNull(tenant, "tenant");
    Objects.requireNonNull(channel, "channel");
    Objects.requireNonNull(accountId, "accountId");
    if (accountId.isBlank()) {
      throw new IllegalArgumentException("accountId must not be blank");
    }
  }

  @Override
  public String toString() {
    return tenant + "/" + channel + "/" + accountId;
  }
}
