package io.switchboard.spi;

import io.switchboard.ChannelType;
import io.switchboard.TenantId;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A campaign as the {@link CampaignStore} keeps it. Its messages live in the outbox, tagged with
 * the campaign id.
 *
 * @param id the campaign id
 * @param tenant the sending tenant
 * @param channel the channel
 * @param accountId the sending account
 * @param name the host's label
 * @param recipients how many recipients were given
 * @param refused how many were refused before queueing (no consent, invalid, duplicate)
 * @param createdAt when it started
 * @param cancelledAt when it was cancelled, if it was
 */
public record CampaignRecord(
    String id,
    TenantId tenant,
    ChannelType channel,
    String accountId,
    String name,
    int recipients,
    int refused,
    Instant createdAt,
    Optional<Instant> cancelledAt) {

  /** Checks required fields. */
  public CampaignRecord {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(tenant, "tenant");
    Objects.requireNonNull(channel, "channel");
    Objects.requireNonNull(accountId, "accountId");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(createdAt, "createdAt");
    Objects.requireNonNull(cancelledAt, "cancelledAt");
  }
}
