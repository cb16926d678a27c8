package io.switchboard.channel.messenger;

/**
 * The Messenger Send API limits that {@link MessengerChannel#validate} enforces before any request
 * is made. Lengths count Unicode code points.
 *
 * <p>Values follow Meta's Send API and template references (meta-api-facts.md §4.3). Some are
 * stated loosely by Meta ("fewer than 2000 characters", "up to 13 quick replies" is marked
 * unverified); where the wording is ambiguous the limit is the inclusive, more permissive
 * reading, so a message this SDK refuses is certainly too long. Constants only; not
 * instantiable.
 */
public final class MessengerLimits {

  /**
   * Longest text message. Meta's wording is "UTF-8, less than 2000 characters"; this SDK allows
   * exactly 2000 and leaves the last word to Meta (unverified item).
   */
  public static final int TEXT_MAX = 2000;
  /** Longest {@code message.metadata}, which Meta echoes back in {@code message_echoes}. */
  public static final int METADATA_MAX = 1000;

  /** Fewest quick replies on a quick-reply message. */
  public static final int QUICK_REPLIES_MIN = 1;
  /** Most quick replies on one message (unverified upper bound, see meta-api-facts.md §4.3). */
  public static final int QUICK_REPLIES_MAX = 13;
  /** Longest quick-reply title. */
  public static final int QUICK_REPLY_TITLE_MAX = 20;
  /** Longest quick-reply or postback payload. */
  public static final int PAYLOAD_MAX = 1000;

  /** Longest text of a button template. */
  public static final int BUTTON_TEMPLATE_TEXT_MAX = 640;
  /** Fewest buttons on a button template. */
  public static final int BUTTON_TEMPLATE_BUTTONS_MIN = 1;
  /** Most buttons on a button template, and on each card of a carousel. */
  public static final int BUTTONS_MAX = 3;
  /** Longest button title. */
  public static final int BUTTON_TITLE_MAX = 20;

  /** Fewest cards in a carousel (generic template). */
  public static final int CARDS_MIN = 1;
  /** Most cards in a carousel (generic template). */
  public static final int CARDS_MAX = 10;
  /** Longest card title. */
  public static final int CARD_TITLE_MAX = 80;
  /** Longest card subtitle. */
  public static final int CARD_SUBTITLE_MAX = 80;

  private MessengerLimits() {}
}
