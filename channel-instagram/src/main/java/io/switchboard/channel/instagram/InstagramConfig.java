package io.switchboard.channel.instagram;

import io.switchboard.ConfigurationException;
import io.switchboard.ValidationException.Violation;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Settings of the Instagram channel. Immutable; start from {@link #defaults()} or {@link
 * #builder()}.
 *
 * @param instagramGraphBaseUrl host of the Instagram Login API ({@code https://graph.instagram.com});
 *     the Graph API version is the one Switchboard is configured with
 * @param subscribedFields webhook fields {@link InstagramChannel#subscribeApp} subscribes an
 *     account to; Meta's field names are partly unverified, so this is configurable
 * @param profileCacheMaxSize most profiles kept in memory; 0 turns the cache off
 * @param profileCacheTtl how long a looked-up profile is reused; zero turns the cache off
 * @param messagingTypeOnInstagramLogin whether sends through Instagram Login carry {@code
 *     messaging_type} for {@code RESPONSE}/{@code UPDATE} (Meta's examples leave it out, so the
 *     default is {@code false}; {@code HUMAN_AGENT} always carries it with its tag)
 * @param textMaxBytes the longest text accepted, in UTF-8 bytes
 */
public record InstagramConfig(
    String instagramGraphBaseUrl,
    List<String> subscribedFields,
    long profileCacheMaxSize,
    Duration profileCacheTtl,
    boolean messagingTypeOnInstagramLogin,
    int textMaxBytes) {

  /** Host of the Instagram API with Instagram Login. */
  public static final String DEFAULT_INSTAGRAM_GRAPH_BASE_URL = "https://graph.instagram.com";

  /** Webhook fields subscribed by default. */
  public static final List<String> DEFAULT_SUBSCRIBED_FIELDS =
      List.of("messages", "messaging_postbacks", "messaging_seen", "message_reactions", "messaging_referral");

  /** Default number of cached profiles. */
  public static final long DEFAULT_PROFILE_CACHE_MAX_SIZE = 10_000;

  /** Default profile reuse time: one hour (profile picture URLs live for days). */
  public static final Duration DEFAULT_PROFILE_CACHE_TTL = Duration.ofHours(1);

  /** Checks every value and reports all problems at once. */
  public InstagramConfig {
    List<Violation> problems = new ArrayList<>();
    if (!isHttpUrl(instagramGraphBaseUrl)) {
      problems.add(new Violation("instagramGraphBaseUrl", "must be an absolute http(s) URL, got " + instagramGraphBaseUrl));
    }
    if (subscribedFields == null || subscribedFields.isEmpty()) {
      problems.add(new Violation("subscribedFields", "must name at least one field"));
      subscribedFields = List.of();
    } else {
      for (int i = 0; i < subscribedFields.size(); i++) {
        String f = subscribedFields.get(i);
        if (f == null || f.isBlank() || f.contains(",")) {
          problems.add(new Violation("subscribedFields[" + i + "]", "must be a non-blank field name without commas"));
        }
      }
      subscribedFields = problems.isEmpty() ? List.copyOf(subscribedFields) : List.of();
    }
    if (profileCacheMaxSize < 0) {
      problems.add(new Violation("profileCacheMaxSize", "must not be negative, got " + profileCacheMaxSize));
    }
    if (profileCacheTtl == null || profileCacheTtl.isNegative()) {
      problems.add(new Violation("profileCacheTtl", "must be zero or positive, got " + profileCacheTtl));
    }
    if (textMaxBytes < 1) {
      problems.add(new Violation("textMaxBytes", "must be positive, got " + textMaxBytes));
    }
    if (!problems.isEmpty()) {
      throw new ConfigurationException(problems);
    }
  }

  private static boolean isHttpUrl(String url) {
    if (url == null) {
      return false;
    }
    try {
      URI uri = URI.create(url);
      String scheme = uri.getScheme();
      return uri.getHost() != null && ("https".equalsIgnoreCase(scheme) || "http".equalsIgnoreCase(scheme));
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  /**
   * The default settings.
   *
   * @return the configuration
   */
  public static InstagramConfig defaults() {
    return builder().build();
  }

  /**
   * A builder with the default settings.
   *
   * @return a builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * A builder starting from these settings.
   *
   * @return a builder
   */
  public Builder toBuilder() {
    return new Builder()
        .instagramGraphBaseUrl(instagramGraphBaseUrl)
        .subscribedFields(subscribedFields)
        .profileCacheMaxSize(profileCacheMaxSize)
        .profileCacheTtl(profileCacheTtl)
        .messagingTypeOnInstagramLogin(messagingTypeOnInstagramLogin)
        .textMaxBytes(textMaxBytes);
  }

  /** Builds an {@link InstagramConfig}. Not thread-safe. */
  public static final class Builder {
    private String instagramGraphBaseUrl = DEFAULT_INSTAGRAM_GRAPH_BASE_URL;
    private List<String> subscribedFields = DEFAULT_SUBSCRIBED_FIELDS;
    private long profileCacheMaxSize = DEFAULT_PROFILE_CACHE_MAX_SIZE;
    private Duration profileCacheTtl = DEFAULT_PROFILE_CACHE_TTL;
    private boolean messagingTypeOnInstagramLogin;
    private int textMaxBytes = InstagramLimits.TEXT_MAX_BYTES;

    private Builder() {}

    /**
     * Sets the Instagram Login host.
     *
     * @param url such as {@code https://graph.instagram.com}
     * @return this builder
     */
    public Builder instagramGraphBaseUrl(String url) {
      this.instagramGraphBaseUrl = url;
      return this;
    }

    /**
     * Sets the webhook fields to subscribe to.
     *
     * @param fields such as {@code messages}, {@code messaging_postbacks}
     * @return this builder
     */
    public Builder subscribedFields(List<String> fields) {
      this.subscribedFields = fields == null ? null : new ArrayList<>(fields);
      return this;
    }

    /**
     * Sets the profile cache size.
     *
     * @param maxSize most profiles kept; 0 turns caching off
     * @return this builder
     */
    public Builder profileCacheMaxSize(long maxSize) {
      this.profileCacheMaxSize = maxSize;
      return this;
    }

    /**
     * Sets how long profiles are reused.
     *
     * @param ttl time to live; zero turns caching off
     * @return this builder
     */
    public Builder profileCacheTtl(Duration ttl) {
      this.profileCacheTtl = Objects.requireNonNull(ttl, "ttl");
      return this;
    }

    /**
     * Whether Instagram Login sends carry {@code messaging_type} for RESPONSE and UPDATE.
     *
     * @param enabled true to send it
     * @return this builder
     */
    public Builder messagingTypeOnInstagramLogin(boolean enabled) {
      this.messagingTypeOnInstagramLogin = enabled;
      return this;
    }

    /**
     * Sets the longest text accepted.
     *
     * @param maxBytes UTF-8 bytes
     * @return this builder
     */
    public Builder textMaxBytes(int maxBytes) {
      this.textMaxBytes = maxBytes;
      return this;
    }

    /**
     * Builds the settings.
     *
     * @return the configuration
     * @throws ConfigurationException listing every invalid value
     */
    public InstagramConfig build() {
      return new InstagramConfig(
          instagramGraphBaseUrl, subscribedFields, profileCacheMaxSize, profileCacheTtl,
          messagingTypeOnInstagramLogin, textMaxBytes);
    }
  }
}
