package io.switchboard.message;

import java.util.List;

/**
 * One or more contact cards.
 *
 * @param cards the cards; at least one
 */
public record Contacts(List<ContactCard> cards) implements MessageContent {

  /** Copies the list and checks it is not empty. */
  public Contacts {
    cards = List.copyOf(cards);
    if (cards.isEmpty()) {
      throw new IllegalArgumentException("contacts message needs at least one card");
    }
  }

  /**
   * Contacts from the given cards.
   *
   * @param cards one or more cards
   * @return the content
   */
  public static Contacts of(ContactCard... cards) {
    return new Contacts(List.of(cards));
  }
}
