package io.switchboard.channel.whatsapp;

/**
 * The documented WhatsApp Cloud API limits that {@link WhatsAppChannel#validate} and
 * {@link WhatsAppMedia#upload} enforce before any request is made. Lengths count Unicode code
 * points; sizes are in bytes (1 MB = 1024 * 1024 bytes).
 *
 * <p>Values come from Meta's message and media reference pages (see {@code meta-api-facts.md} §3).
 * Constants only; not instantiable.
 */
public final class WhatsAppLimits {

  /** Longest text message body. */
  public static final int TEXT_BODY_MAX = 4096;
  /** Longest caption of an image, video or document. */
  public static final int CAPTION_MAX = 1024;
  /** Longest {@code biz_opaque_callback_data}. */
  public static final int CALLBACK_DATA_MAX = 512;

  /** Fewest reply buttons. */
  public static final int REPLY_BUTTONS_MIN = 1;
  /** Most reply buttons. */
  public static final int REPLY_BUTTONS_MAX = 3;
  /** Longest reply button id. */
  public static final int REPLY_BUTTON_ID_MAX = 256;
  /** Longest reply button title. */
  public static final int REPLY_BUTTON_TITLE_MAX = 20;
  /** Longest body of a reply-buttons message. */
  public static final int REPLY_BUTTONS_BODY_MAX = 1024;

  /** Longest footer of any interactive message. */
  public static final int INTERACTIVE_FOOTER_MAX = 60;
  /** Longest text header of any interactive message. */
  public static final int INTERACTIVE_HEADER_TEXT_MAX = 60;

  /** Longest label of the button that opens a list. */
  public static final int LIST_BUTTON_TEXT_MAX = 20;
  /** Most sections in a list. */
  public static final int LIST_SECTIONS_MAX = 10;
  /** Most rows in a list, counted over all sections. */
  public static final int LIST_ROWS_TOTAL_MAX = 10;
  /** Longest list row id. */
  public static final int LIST_ROW_ID_MAX = 200;
  /** Longest list row title. */
  public static final int LIST_ROW_TITLE_MAX = 24;
  /** Longest list row description. */
  public static final int LIST_ROW_DESCRIPTION_MAX = 72;
  /** Longest list section title. */
  public static final int LIST_SECTION_TITLE_MAX = 24;
  /** Longest body of a list message. */
  public static final int LIST_BODY_MAX = 4096;

  /** Longest label of a call-to-action URL button. */
  public static final int CTA_DISPLAY_TEXT_MAX = 20;
  /** Longest body of a call-to-action URL message. */
  public static final int CTA_BODY_MAX = 1024;

  /** Fewest digits of an E.164 recipient number. */
  public static final int PHONE_DIGITS_MIN = 8;
  /** Most digits of an E.164 recipient number. */
  public static final int PHONE_DIGITS_MAX = 15;

  /** Largest uploadable image (JPEG, PNG). */
  public static final long IMAGE_MAX_BYTES = 5L * 1024 * 1024;
  /** Largest uploadable video (MP4, 3GPP). */
  public static final long VIDEO_MAX_BYTES = 16L * 1024 * 1024;
  /** Largest uploadable audio file. */
  public static final long AUDIO_MAX_BYTES = 16L * 1024 * 1024;
  /** Largest uploadable document. */
  public static final long DOCUMENT_MAX_BYTES = 100L * 1024 * 1024;
  /** Largest uploadable static sticker (WebP). */
  public static final long STICKER_STATIC_MAX_BYTES = 100L * 1024;
  /** Largest uploadable animated sticker (WebP). */
  public static final long STICKER_ANIMATED_MAX_BYTES = 500L * 1024;

  /** Longest template name accepted when creating a template. */
  public static final int TEMPLATE_NAME_MAX = 512;

  private WhatsAppLimits() {}
}
