package io.switchboard.outbox;

import java.util.List;
import java.util.Objects;

/**
 * What starting a campaign did.
 *
 * @param campaignId the campaign's id
 * @param queued how many messages were queued
 * @param refused recipients not queued, with the reason
 */
public record CampaignReceipt(String campaignId, int queued, List<Refusal> refused) {

  /** Copies the list. */
  public CampaignReceipt {
    Objects.requireNonNull(campaignId, "campaignId");
    refused = List.copyOf(refused);
  }

  /**
   * A recipient that was not queued.
   *
   * @param recipient the recipient as given
   * @param reason why: no consent, invalid id, duplicate, outside the messaging window
   */
  public record Refusal(String recipient, String reason) {
    /** Checks required fields. */
    public Refusal {
      Objects.requireNonNull(recipient, "recipient");
      Objects.requireNonNull(reason, "reason");
    }
  }
}
