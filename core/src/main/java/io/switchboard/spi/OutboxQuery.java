package io.switchboard.spi;

import io.switchboard.TenantId;
import io.switchboard.message.DeliveryStatus;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Selects outbound messages for inspection, newest first.
 *
 * @param tenant only this tenant's messages, if set
 * @param statuses only these statuses; empty for all
 * @param campaignId only this campaign's messages, if set
 * @param limit the most to return (1 to 10,000)
 */
public record OutboxQuery(Optional<TenantId> tenant, Set<DeliveryStatus> statuses, Optional<String> campaignId, int limit) {

  /** Checks the values. */
  public OutboxQuery {
    Objects.requireNonNull(tenant, "tenant");
    statuses = Set.copyOf(statuses);
    Objects.requireNonNull(campaignId, "campaignId");
    if (limit < 1 || limit > 10_000) {
      throw new IllegalArgumentException("limit must be 1..10000, got " + limit);
    }
  }

  /**
   * A tenant's messages in the given statuses.
   *
   * @param tenant the tenant
   * @param limit the most to return
   * @param statuses the statuses; none for all
   * @return the query
   */
  public static OutboxQuery forTenant(TenantId tenant, int limit, DeliveryStatus... statuses) {
    return new OutboxQuery(Optional.of(tenant), Set.of(statuses), Optional.empty(), limit);
  }

  /**
   * Every message in the given statuses, all tenants.
   *
   * @param limit the most to return
   * @param statuses the statuses; none for all
   * @return the query
   */
  public static OutboxQuery all(int limit, DeliveryStatus... statuses) {
    return new OutboxQuery(Optional.empty(), Set.of(statuses), Optional.empty(), limit);
  }
}
