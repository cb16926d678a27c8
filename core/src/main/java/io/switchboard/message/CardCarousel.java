package io.switchboard.message;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A horizontally scrolling set of cards, each with a title, optional subtitle and image, and
 * buttons (Messenger and Instagram generic template).
 *
 * @param cards the cards (Messenger: up to 10)
 */
public record CardCarousel(List<Card> cards) implements MessageContent {

  /** Copies the list. */
  public CardCarousel {
    cards = List.copyOf(cards);
  }

  /**
   * A carousel of the given cards.
   *
   * @param cards the cards
   * @return the content
   */
  public static CardCarousel of(Card... cards) {
    return new CardCarousel(List.of(cards));
  }

  /**
   * One card.
   *
   * @param title the title (Messenger: up to 80 characters)
   * @param subtitle optional subtitle (Messenger: up to 80 characters)
   * @param imageUrl optional image
   * @param defaultActionUrl optional page opened when the card itself is tapped
   * @param buttons the card's buttons (Messenger: up to 3)
   */
  public record Card(
      String title, Optional<String> subtitle, Optional<URI> imageUrl, Optional<URI> defaultActionUrl, List<CardButton> buttons) {

    /** Copies the list and checks required fields. */
    public Card {
      Objects.requireNonNull(title, "title");
      Objects.requireNonNull(subtitle, "subtitle");
      Objects.requireNonNull(imageUrl, "imageUrl");
      Objects.requireNonNull(defaultActionUrl, "defaultActionUrl");
      buttons = List.copyOf(buttons);
    }

    /**
     * Starts a card.
     *
     * @param title the title
     * @return a builder
     */
    public static Builder builder(String title) {
      return new Builder(title);
    }

    /** Builds a {@link Card}. Not thread-safe. */
    public static final class Builder {
      private final String title;
      private String subtitle;
      private URI imageUrl;
      private URI defaultActionUrl;
      private final List<CardButton> buttons = new ArrayList<>();

      private Builder(String title) {
        this.title = title;
      }

      /**
       * Sets the subtitle.
       *
       * @param subtitle the subtitle
       * @return this builder
       */
      public Builder subtitle(String subtitle) {
        this.subtitle = subtitle;
        return this;
      }

      /**
       * Sets the image.
       *
       * @param url the image URL
       * @return this builder
       */
      public Builder imageUrl(String url) {
        this.imageUrl = URI.create(url);
        return this;
      }

      /**
       * Sets the page opened when the card is tapped.
       *
       * @param url the page
       * @return this builder
       */
      public Builder defaultActionUrl(String url) {
        this.defaultActionUrl = URI.create(url);
        return this;
      }

      /**
       * Adds a button.
       *
       * @param button the button
       * @return this builder
       */
      public Builder button(CardButton button) {
        buttons.add(Objects.requireNonNull(button, "button"));
        return this;
      }

      /**
       * Builds the card.
       *
       * @return the card
       */
      public Card build() {
        return new Card(title, Optional.ofNullable(subtitle), Optional.ofNullable(imageUrl),
            Optional.ofNullable(defaultActionUrl), buttons);
      }
    }
  }
}
