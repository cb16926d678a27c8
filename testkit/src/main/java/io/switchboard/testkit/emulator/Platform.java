package io.switchboard.testkit.emulator;

/** The kind of account registered on a {@link MetaEmulator}. */
public enum Platform {
  /** A WhatsApp Cloud API phone number (with its WhatsApp Business Account). */
  WHATSAPP,
  /** A Facebook Page (Messenger, and Instagram through Facebook Login). */
  MESSENGER,
  /** An Instagram professional account using Instagram Login ({@code graph.instagram.com}). */
  INSTAGRAM
}
