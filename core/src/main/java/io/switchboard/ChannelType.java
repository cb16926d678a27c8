package io.switchboard;

/** The messaging channels Switchboard can connect a tenant to. */
public enum ChannelType {
  /** WhatsApp Business Platform, Cloud API (a business phone number). */
  WHATSAPP,
  /** Facebook Page: Messenger conversations and Page posts. */
  MESSENGER,
  /** Instagram professional account: direct messages and content publishing. */
  INSTAGRAM,
  /** A QR-linked WhatsApp Web session, used as a fallback where a tenant opts in. */
  WHATSAPP_WEB
}
