package io.switchboard.spi;

import java.time.Instant;
import java.util.Optional;

/**
 * Keeps campaigns (their messages are in the {@link OutboxStore}). Implementations must be
 * thread-safe, may block, report failures as {@link io.switchboard.StoreException} and never
 * return null.
 */
public interface CampaignStore {

  /**
   * Stores a new campaign.
   *
   * @param campaign the campaign
   */
  void create(CampaignRecord campaign);

  /**
   * Reads a campaign.
   *
   * @param id the campaign id
   * @return it, if stored
   */
  Optional<CampaignRecord> find(String id);

  /**
   * Marks a campaign cancelled (once; later calls keep the first time).
   *
   * @param id the campaign id
   * @param at when
   * @return true if it existed and was not cancelled before
   */
  boolean markCancelled(String id, Instant at);
}
