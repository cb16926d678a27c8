package io.switchboard.connection;

import io.switchboard.ChannelType;
import io.switchboard.TenantId;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A tenant's account on one channel: which account, its status, and channel-specific ids.
 * Never holds the access token (that lives encrypted in the token store).
 *
 * <p>Well-known attributes: {@link #WABA_ID} and {@link #DISPLAY_PHONE_NUMBER} for WhatsApp.
 *
 * @param key tenant, channel and account id
 * @param status whether it is usable
 * @param attributes channel-specific ids and labels, such as {@code waba_id}
 * @param connectedAt when it was first connected
 * @param updatedAt when it last changed
 */
public record ChannelConnection(
    ConnectionKey key, ConnectionStatus status, Map<String, String> attributes, Instant connectedAt, Instant updatedAt) {

  /** Attribute: the WhatsApp Business Account id that owns a phone number. */
  public static final String WABA_ID = "waba_id";

  /** Attribute: the phone number as displayed. */
  public static final String DISPLAY_PHONE_NUMBER = "display_phone_number";

  /** Checks required fields and copies the attributes (sorted, unmodifiable). */
  public ChannelConnection {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(status, "status");
    attributes = Map.copyOf(new TreeMap<>(attributes));
    Objects.requireNonNull(connectedAt, "connectedAt");
    Objects.requireNonNull(updatedAt, "updatedAt");
  }

  /**
   * The owning tenant.
   *
   * @return the tenant
   */
  public TenantId tenant() {
    return key.tenant();
  }

  /**
   * The channel.
   *
   * @return the channel
   */
  public ChannelType channel() {
    return key.channel();
  }

  /**
   * The account id.
   *
   * @return phone number id, Page id or Instagram account id
   */
  public String accountId() {
    return key.accountId();
  }

  /**
   * One attribute.
   *
   * @param name attribute name
   * @return its value, if set
   */
  public Optional<String> attribute(String name) {
    return Optional.ofNullable(attributes.get(name));
  }

  /**
   * A copy with another status.
   *
   * @param newStatus the status
   * @param at when it changed
   * @return the new value
   */
  public ChannelConnection withStatus(ConnectionStatus newStatus, Instant at) {
    return new ChannelConnection(key, newStatus, attributes, connectedAt, at);
  }
}
