package io.switchboard.channel.instagram;

/**
 * The limits {@link InstagramChannel#validate} enforces before any request is made. Lengths count
 * Unicode code points, except the text limit, which counts UTF-8 bytes.
 *
 * <p>Instagram's send pages state the text limit two ways (under 1000 characters, and 1000 bytes
 * or less), so the stricter byte count is the default, and {@link InstagramConfig#textMaxBytes()}
 * can change it. Note that Messenger's limit (2000 characters) is different. The quick-reply,
 * button and card limits follow Messenger's Send API, which Instagram shares; Meta does not
 * restate them for Instagram, so treat them as unverified. Constants only.
 */
public final class InstagramLimits {

  /** Longest text, in UTF-8 bytes; unverified, see the class comment. */
  public static final int TEXT_MAX_BYTES = 1000;
  /** Most quick replies on one message (unverified for Instagram). */
  public static final int QUICK_REPLIES_MAX = 13;
  /** Longest quick-reply title. */
  public static final int QUICK_REPLY_TITLE_MAX = 20;
  /** Longest quick-reply or postback payload. */
  public static final int PAYLOAD_MAX = 1000;
  /** Longest button title. */
  public static final int BUTTON_TITLE_MAX = 20;
  /** Most buttons in a button template or on one card. */
  public static final int BUTTONS_MAX = 3;
  /** Longest text of a button template. */
  public static final int BUTTON_TEMPLATE_TEXT_MAX = 640;
  /** Most cards in a carousel (generic template). */
  public static final int CARDS_MAX = 10;
  /** Longest card title. */
  public static final int CARD_TITLE_MAX = 80;
  /** Longest card subtitle. */
  public static final int CARD_SUBTITLE_MAX = 80;

  private InstagramLimits() {}
}
