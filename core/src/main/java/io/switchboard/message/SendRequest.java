package io.switchboard.message;

import io.switchboard.ChannelType;
import io.switchboard.TenantId;
import java.util.Objects;
import java.util.Optional;

/**
 * A message one tenant sends to one recipient on one channel.
 *
 * <pre>{@code
 * SendRequest req = SendRequest.builder()
 *     .tenant(TenantId.of("acme"))
 *     .channel(ChannelType.WHATSAPP)
 *     .to("+16505551234")
 *     .content(Text.of("Your order has shipped"))
 *     .build();
 * }</pre>
 *
 * <p>{@code from} picks the sending account (phone number id, Page id, Instagram account id) when
 * the tenant has several on that channel; with exactly one it may be left out. {@code to} is the
 * channel's recipient id: on WhatsApp an E.164 phone number with {@code +}, or a business-scoped
 * user id such as {@code US.13491208655302741918}. Immutable and thread-safe.
 *
 * @param tenant the sending tenant
 * @param channel the channel to send on
 * @param from the sending account id, if the tenant has more than one on the channel
 * @param to the recipient's id on the channel
 * @param content what to send
 * @param replyTo the channel id of a message this one replies to (shown quoted)
 * @param callbackData opaque text echoed back in this message's status events
 * @param messagingType why the message is sent (Messenger and Instagram window rules); default
 *     {@link MessagingType#RESPONSE}
 * @param idempotencyKey the host's key for this message: a second {@code send} with the same key
 *     (per tenant) returns the first message instead of sending again
 * @param priority conversational (default) or bulk
 */
public record SendRequest(
    TenantId tenant,
    ChannelType channel,
    Optional<String> from,
    String to,
    MessageContent content,
    Optional<String> replyTo,
    Optional<String> callbackData,
    MessagingType messagingType,
    Optional<String> idempotencyKey,
    Priority priority) {

  /** Checks required fields. */
  public SendRequest {
    Objects.requireNonNull(tenant, "tenant");
    Objects.requireNonNull(channel, "channel");
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(to, "to");
    if (to.isBlank()) {
      throw new IllegalArgumentException("to must not be blank");
    }
    Objects.requireNonNull(content, "content");
    Objects.requireNonNull(replyTo, "replyTo");
    Objects.requireNonNull(callbackData, "callbackData");
    Objects.requireNonNull(messagingType, "messagingType");
    Objects.requireNonNull(idempotencyKey, "idempotencyKey");
    idempotencyKey.ifPresent(k -> {
      if (k.isBlank() || k.length() > 200) {
        throw new IllegalArgumentException("idempotencyKey must be 1-200 characters");
      }
    });
    Objects.requireNonNull(priority, "priority");
  }

  /**
   * Starts a request.
   *
   * @return a builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * A builder initialised from this request.
   *
   * @return a builder
   */
  public Builder toBuilder() {
    Builder b = new Builder().tenant(tenant).channel(channel).to(to).content(content);
    b.from = from.orElse(null);
    b.replyTo = replyTo.orElse(null);
    b.callbackData = callbackData.orElse(null);
    b.messagingType = messagingType;
    b.idempotencyKey = idempotencyKey.orElse(null);
    b.priority = priority;
    return b;
  }

  /** Builds a {@link SendRequest}. Not thread-safe. */
  public static final class Builder {
    private TenantId tenant;
    private ChannelType channel;
    private String from;
    private String to;
    private MessageContent content;
    private String replyTo;
    private String callbackData;
    private MessagingType messagingType = MessagingType.RESPONSE;
    private String idempotencyKey;
    private Priority priority = Priority.CONVERSATIONAL;

    private Builder() {}

    /**
     * Sets the sending tenant.
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
     * Sets the sending account id.
     *
     * @param accountId phone number id, Page id or Instagram account id
     * @return this builder
     */
    public Builder from(String accountId) {
      this.from = accountId;
      return this;
    }

    /**
     * Sets the recipient.
     *
     * @param to the recipient's id on the channel
     * @return this builder
     */
    public Builder to(String to) {
      this.to = to;
      return this;
    }

    /**
     * Sets the content.
     *
     * @param content what to send
     * @return this builder
     */
    public Builder content(MessageContent content) {
      this.content = content;
      return this;
    }

    /**
     * Marks the message as a reply to an earlier one.
     *
     * @param messageId the earlier message's channel id
     * @return this builder
     */
    public Builder replyTo(String messageId) {
      this.replyTo = messageId;
      return this;
    }

    /**
     * Sets opaque data echoed back in status events.
     *
     * @param callbackData up to 512 characters
     * @return this builder
     */
    public Builder callbackData(String callbackData) {
      this.callbackData = callbackData;
      return this;
    }

    /**
     * Says why the message is sent (Messenger and Instagram). Default {@link MessagingType#RESPONSE}.
     *
     * @param messagingType the type
     * @return this builder
     */
    public Builder messagingType(MessagingType messagingType) {
      this.messagingType = messagingType;
      return this;
    }

    /**
     * Sets the host's idempotency key: repeating a {@code send} with the same key (for the same
     * tenant) returns the message already queued instead of sending twice.
     *
     * @param key 1 to 200 characters, unique per tenant
     * @return this builder
     */
    public Builder idempotencyKey(String key) {
      this.idempotencyKey = key;
      return this;
    }

    /**
     * Sets the priority. Default {@link Priority#CONVERSATIONAL}.
     *
     * @param priority the priority
     * @return this builder
     */
    public Builder priority(Priority priority) {
      this.priority = priority;
      return this;
    }

    /**
     * Builds the request.
     *
     * @return the request
     * @throws NullPointerException if tenant, channel, to or content is missing
     */
    public SendRequest build() {
      return new SendRequest(
          tenant,
          channel,
          Optional.ofNullable(from),
          to,
          content,
          Optional.ofNullable(replyTo),
          Optional.ofNullable(callbackData),
          messagingType,
          Optional.ofNullable(idempotencyKey),
          priority);
    }
  }
}
