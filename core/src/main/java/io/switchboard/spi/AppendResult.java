package io.switchboard.spi;

import java.util.List;

/**
 * What {@link InboxStore#append} did with each event, in the order given.
 *
 * @param inserted for each event: true if it was new and is now stored, false if an event with the
 *     same (channel, externalId) was already there
 */
public record AppendResult(List<Boolean> inserted) {

  /** Copies the list. */
  public AppendResult {
    inserted = List.copyOf(inserted);
  }

  /**
   * How many events were new.
   *
   * @return the count
   */
  public int insertedCount() {
    return (int) inserted.stream().filter(b -> b).count();
  }

  /**
   * How many were duplicates.
   *
   * @return the count
   */
  public int duplicateCount() {
    return inserted.size() - insertedCount();
  }
}
