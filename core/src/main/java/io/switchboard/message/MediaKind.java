package io.switchboard.message;

/** The kind of a media message or media attachment. */
public enum MediaKind {
  /** A picture (WhatsApp: JPEG or PNG, up to 5 MB). */
  IMAGE,
  /** A video (WhatsApp: MP4 or 3GP, H.264 + AAC, up to 16 MB). */
  VIDEO,
  /** An audio file or voice note (WhatsApp: up to 16 MB). */
  AUDIO,
  /** A document such as a PDF (WhatsApp: up to 100 MB). */
  DOCUMENT,
  /** A sticker (WhatsApp: WebP, 100 KB static or 500 KB animated). */
  STICKER
}
