package io.switchboard.channel.whatsapp;

/**
 * Settings of the WhatsApp channel. Immutable; build with {@link #builder()}.
 *
 * @param maxMediaDownloadBytes the largest media file {@code media().download} accepts
 */
public record WhatsAppConfig(long maxMediaDownloadBytes) {

  /** Default download cap: 100 MB, WhatsApp's largest media size (documents). */
  public static final long DEFAULT_MAX_MEDIA_DOWNLOAD_BYTES = 100L * 1024 * 1024;

  /** Checks the values. */
  public WhatsAppConfig {
    if (maxMediaDownloadBytes <= 0) {
      throw new IllegalArgumentException("maxMediaDownloadBytes must be positive, got " + maxMediaDownloadBytes);
    }
  }

  /**
   * The default settings.
   *
   * @return the configuration
   */
  public static WhatsAppConfig defaults() {
    return new WhatsAppConfig(DEFAULT_MAX_MEDIA_DOWNLOAD_BYTES);
  }
}
