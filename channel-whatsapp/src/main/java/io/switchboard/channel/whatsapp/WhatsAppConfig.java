package io.switchboard.channel.whatsapp;

/**
 * Settings of the WhatsApp channel. Immutable; use {@link #defaults()} or {@link #builder()}.
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

  /**
   * Starts from the default settings.
   *
   * @return a builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * A builder initialised from these settings.
   *
   * @return a builder
   */
  public Builder toBuilder() {
    return new Builder().maxMediaDownloadBytes(maxMediaDownloadBytes);
  }

  /** Builds a {@link WhatsAppConfig}. Not thread-safe. */
  public static final class Builder {
    private long maxMediaDownloadBytes = DEFAULT_MAX_MEDIA_DOWNLOAD_BYTES;

    private Builder() {}

    /**
     * Sets the download cap.
     *
     * @param maxMediaDownloadBytes positive number of bytes
     * @return this builder
     */
    public Builder maxMediaDownloadBytes(long maxMediaDownloadBytes) {
      this.maxMediaDownloadBytes = maxMediaDownloadBytes;
      return this;
    }

    /**
     * Builds the settings.
     *
     * @return the configuration
     * @throws IllegalArgumentException if a value is out of range
     */
    public WhatsAppConfig build() {
      return new WhatsAppConfig(maxMediaDownloadBytes);
    }
  }
}
