package io.switchboard.outbox;

import io.switchboard.message.DeliveryStatus;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Where a campaign stands.
 *
 * @param campaignId the campaign
 * @param name its label
 * @param recipients how many recipients were given
 * @param refused how many were refused before queueing
 * @param counts queued messages per current status
 * @param cancelledAt when it was cancelled, if it was
 */
public record CampaignProgress(
    String campaignId, String name, int recipients, int refused, Map<DeliveryStatus, Integer> counts,
    Optional<Instant> cancelledAt) {

  /** Copies the map. */
  public CampaignProgress {
    Objects.requireNonNull(campaignId, "campaignId");
    Objects.requireNonNull(name, "name");
    counts = Map.copyOf(counts);
    Objects.requireNonNull(cancelledAt, "cancelledAt");
  }

  /**
   * Messages in a status.
   *
   * @param status the status
   * @return the count
   */
  public int count(DeliveryStatus status) {
    return counts.getOrDefault(status, 0);
  }

  /**
   * Messages still waiting or being sent.
   *
   * @return queued plus sending
   */
  public int pending() {
    return count(DeliveryStatus.QUEUED) + count(DeliveryStatus.SENDING);
  }

  /**
   * Messages the channel accepted (sent, delivered, read or played).
   *
   * @return the count
   */
  public int accepted() {
    return count(DeliveryStatus.SENT) + count(DeliveryStatus.DELIVERED) + count(DeliveryStatus.READ)
        + count(DeliveryStatus.PLAYED);
  }
}
