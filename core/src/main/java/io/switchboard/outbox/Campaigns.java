package io.switchboard.outbox;

import java.util.Optional;

/**
 * Bulk sends: one message to many recipients of a tenant, at bulk priority (a campaign never delays
 * a conversational reply), with a consent check per recipient. Obtained from
 * {@code Switchboard.campaigns()}. Thread-safe.
 */
public interface Campaigns {

  /**
   * Checks and queues a campaign. The content is validated once; each recipient is checked (valid
   * id, not a duplicate, consent through the configured {@link io.switchboard.spi.ConsentChecker},
   * messaging window) and refused individually if a check fails.
   *
   * @param request the campaign
   * @return the campaign id, how many were queued, and who was refused and why
   * @throws io.switchboard.ValidationException if the content breaks a channel limit
   * @throws io.switchboard.ConnectionNotFoundException if the tenant has no usable connection
   */
  CampaignReceipt start(CampaignRequest request);

  /**
   * Where a campaign stands.
   *
   * @param campaignId the campaign
   * @return its progress, if it exists
   */
  Optional<CampaignProgress> progress(String campaignId);

  /**
   * Cancels a campaign: its messages still queued are not sent (those already being sent finish).
   *
   * @param campaignId the campaign
   * @return how many messages were cancelled
   */
  int cancel(String campaignId);
}
