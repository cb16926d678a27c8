package io.switchboard.connection;

import io.switchboard.ChannelType;
import io.switchboard.Secret;
import io.switchboard.TenantId;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Connects (or reconnects) a tenant's account with its access token.
 *
 * <pre>{@code
 * switchboard.connections().connect(ConnectRequest.builder()
 *     .tenant(TenantId.of("acme"))
 *     .channel(ChannelType.WHATSAPP)
 *     .accountId("106540352242922")                  // phone_number_id
 *     .attribute(ChannelConnection.WABA_ID, "102290129340398")
 *     .accessToken(Secret.of(systemUserToken))
 *     .build());
 * }</pre>
 *
 * <p>{@link #toString()} never shows the token.
 *
 * @param key tenant, channel and account id
 * @param attributes channel-specific ids
 * @param accessToken the token to send with; stored encrypted
 * @param tokenExpiresAt when the token expires, if it does
 */
public record ConnectRequest(
    ConnectionKey key, Map<String, String> attributes, Secret accessToken, Optional<Instant> tokenExpiresAt) {

  /** Checks required fields and copies the attributes. */
  public ConnectRequest {
    Objects.requireNonNull(key, "key");
    attributes = Map.copyOf(attributes);
    Objects.requireNonNull(accessToken, "accessToken");
    Objects.requireNonNull(tokenExpiresAt, "tokenExpiresAt");
  }

  /**
   * Starts a request.
   *
   * @return a builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /** Builds a {@link ConnectRequest}. Not thread-safe. */
  public static final class Builder {
    private TenantId tenant;
    private ChannelType channel;
    private String accountId;
    private final Map<String, String> attributes = new LinkedHashMap<>();
    private Secret accessToken;
    private Instant tokenExpiresAt;

    private Builder() {}

    /**
     * Sets the tenant.
     *
     * @param tenant the tenant
     * @return this builder
     */
    public Builder tenant(TenantId tenant) {
      this.tenant = tenant;
      return this;
    }

    /**
     * Sets the channel.
     *
     * @param channel the channel
     * @return this builder
     */
    public Builder channel(ChannelType channel) {
      this.channel = channel;
      return this;
    }

    /**
     * Sets the account id used to route webhooks and to send.
     *
     * @param accountId phone number id, Page id, or Instagram account id
     * @return this builder
     */
    public Builder accountId(String accountId) {
      this.accountId = accountId;
      return this;
    }

    /**
     * Adds a channel-specific attribute.
     *
     * @param name such as {@link ChannelConnection#WABA_ID}
     * @param value its value
     * @return this builder
     */
    public Builder attribute(String name, String value) {
      attributes.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, "value"));
      return this;
    }

    /**
     * Sets the access token.
     *
     * @param accessToken the token
     * @return this builder
     */
    public Builder accessToken(Secret accessToken) {
      this.accessToken = accessToken;
      return this;
    }

    /**
     * Sets when the token expires.
     *
     * @param expiresAt expiry time, or null if it does not expire
     * @return this builder
     */
    public Builder tokenExpiresAt(Instant expiresAt) {
      this.tokenExpiresAt = expiresAt;
      return this;
    }

    /**
     * Builds the request.
     *
     * @return the request
     */
    public ConnectRequest build() {
      return new ConnectRequest(
          new ConnectionKey(tenant, channel, accountId), attributes, accessToken, Optional.ofNullable(tokenExpiresAt));
    }
  }
}
