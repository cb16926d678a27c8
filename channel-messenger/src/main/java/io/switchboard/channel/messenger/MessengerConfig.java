package io.switchboard.channel.messenger;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Settings of the Messenger channel. Immutable; use {@link #defaults()} or {@link #builder()}.
 *
 * @param profileCacheMaxSize how many {@link MessengerProfile}s {@link MessengerChannel#profile}
 *     keeps, counted over all Pages; {@code 0} disables the cache
 * @param profileCacheTtl how long a looked-up profile is reused before asking Meta again;
 *     {@link Duration#ZERO} disables the cache
 * @param subscribedFields the webhook fields {@link MessengerChannel#subscribeApp} subscribes a
 *     Page to, in order
 */
public record MessengerConfig(long profileCacheMaxSize, Duration profileCacheTtl, List<String> subscribedFields) {

  /** Default number of cached profiles. */
  public static final long DEFAULT_PROFILE_CACHE_MAX_SIZE = 10_000;

  /**
   * Default profile lifetime in the cache. Profile picture URLs expire after some days, names
   * rarely change; one hour keeps both fresh enough while saving most lookups.
   */
  public static final Duration DEFAULT_PROFILE_CACHE_TTL = Duration.ofHours(1);

  /**
   * The webhook fields subscribed by default: every event this channel parses into a dedicated
   * event type (meta-api-facts.md §4.1).
   */
  public static final List<String> DEFAULT_SUBSCRIBED_FIELDS = List.of(
      "messages",
      "messaging_postbacks",
      "message_deliveries",
      "message_reads",
      "message_echoes",
      "message_reactions",
      "messaging_referrals");

  /** Checks the values and copies the list. */
  public MessengerConfig {
    if (profileCacheMaxSize < 0) {
      throw new IllegalArgumentException("profileCacheMaxSize must not be negative, got " + profileCacheMaxSize);
    }
    Objects.requireNonNull(profileCacheTtl, "profileCacheTtl");
    if (profileCacheTtl.isNegative()) {
      throw new IllegalArgumentException("profileCacheTtl must not be negative, got " + profileCacheTtl);
    }
    subscribedFields = List.copyOf(Objects.requireNonNull(subscribedFields, "subscribedFields"));
    if (subscribedFields.isEmpty()) {
      throw new IllegalArgumentException("subscribedFields must name at least one webhook field");
    }
    for (String field : subscribedFields) {
      if (field.isBlank() || !field.equals(field.strip()) || field.contains(",")) {
        throw new IllegalArgumentException(
            "subscribedFields entries must be single field names without blanks or commas, got '" + field + "'");
      }
    }
  }

  /**
   * The default settings.
   *
   * @return the configuration
   */
  public static MessengerConfig defaults() {
    return new MessengerConfig(DEFAULT_PROFILE_CACHE_MAX_SIZE, DEFAULT_PROFILE_CACHE_TTL, DEFAULT_SUBSCRIBED_FIELDS);
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
    return new Builder()
        .profileCacheMaxSize(profileCacheMaxSize)
        .profileCacheTtl(profileCacheTtl)
        .subscribedFields(subscribedFields);
  }

  /**
   * Whether looked-up profiles are cached at all.
   *
   * @return false if the size or the lifetime is zero
   */
  public boolean profileCacheEnabled() {
    return profileCacheMaxSize > 0 && !profileCacheTtl.isZero();
  }

  /** Builds a {@link MessengerConfig}. Not thread-safe. */
  public static final class Builder {
    private long profileCacheMaxSize = DEFAULT_PROFILE_CACHE_MAX_SIZE;
    private Duration profileCacheTtl = DEFAULT_PROFILE_CACHE_TTL;
    private List<String> subscribedFields = new ArrayList<>(DEFAULT_SUBSCRIBED_FIELDS);

    private Builder() {}

    /**
     * Sets the profile cache size.
     *
     * @param maxSize the most profiles kept; 0 disables caching
     * @return this builder
     */
    public Builder profileCacheMaxSize(long maxSize) {
      this.profileCacheMaxSize = maxSize;
      return this;
    }

    /**
     * Sets how long a profile is cached.
     *
     * @param ttl time after the lookup; zero disables caching
     * @return this builder
     */
    public Builder profileCacheTtl(Duration ttl) {
      this.profileCacheTtl = ttl;
      return this;
    }

    /**
     * Replaces the webhook fields to subscribe.
     *
     * @param fields field names such as {@code messages}, {@code messaging_optins}
     * @return this builder
     */
    public Builder subscribedFields(List<String> fields) {
      this.subscribedFields = new ArrayList<>(fields);
      return this;
    }

    /**
     * Adds one webhook field to subscribe, such as {@code messaging_optins} or
     * {@code messaging_handovers}.
     *
     * @param field the field name
     * @return this builder
     */
    public Builder addSubscribedField(String field) {
      this.subscribedFields.add(Objects.requireNonNull(field, "field"));
      return this;
    }

    /**
     * Builds the settings.
     *
     * @return the configuration
     * @throws IllegalArgumentException if a value is out of range
     */
    public MessengerConfig build() {
      return new MessengerConfig(profileCacheMaxSize, profileCacheTtl, subscribedFields);
    }
  }
}
