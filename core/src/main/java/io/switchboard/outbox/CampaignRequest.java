package io.switchboard.outbox;

import io.switchboard.ChannelType;
import io.switchboard.TenantId;
import io.switchboard.message.MessageContent;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One message (on WhatsApp, an approved template) to many recipients of one tenant, sent at bulk
 * priority after a consent check per recipient.
 *
 * @param tenant the sending tenant
 * @param channel the channel
 * @param from the sending account, if the tenant has several
 * @param name the host's label for the campaign
 * @param content what every recipient gets
 * @param recipients the recipients' ids on the channel
 */
public record CampaignRequest(
    TenantId tenant, ChannelType channel, Optional<String> from, String name, MessageContent content, List<String> recipients) {

  /** Maximum recipients in one campaign request. */
  public static final int MAX_RECIPIENTS = 100_000;

  /** Checks required fields and copies the list. */
  public CampaignRequest {
    Objects.requireNonNull(tenant, "tenant");
    Objects.requireNonNull(channel, "channel");
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(content, "content");
    recipients = List.copyOf(recipients);
    if (recipients.isEmpty() || recipients.size() > MAX_RECIPIENTS) {
      throw new IllegalArgumentException("a campaign needs 1.." + MAX_RECIPIENTS + " recipients, got " + recipients.size());
    }
  }

  /**
   * Starts a request.
   *
   * @return a builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /** Builds a {@link CampaignRequest}. Not thread-safe. */
  public static final class Builder {
    private TenantId tenant;
    private ChannelType channel;
    private String from;
    private String name = "campaign";
    private MessageContent content;
    private final List<String> recipients = new ArrayList<>();

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
     * Sets the sending account.
     *
     * @param accountId the account
     * @return this builder
     */
    public Builder from(String accountId) {
      this.from = accountId;
      return this;
    }

    /**
     * Sets the label.
     *
     * @param name the label
     * @return this builder
     */
    public Builder name(String name) {
      this.name = name;
      return this;
    }

    /**
     * Sets what every recipient gets.
     *
     * @param content the content
     * @return this builder
     */
    public Builder content(MessageContent content) {
      this.content = content;
      return this;
    }

    /**
     * Adds recipients.
     *
     * @param recipients ids on the channel
     * @return this builder
     */
    public Builder recipients(List<String> recipients) {
      this.recipients.addAll(recipients);
      return this;
    }

    /**
     * Adds one recipient.
     *
     * @param recipient id on the channel
     * @return this builder
     */
    public Builder recipient(String recipient) {
      recipients.add(recipient);
      return this;
    }

    /**
     * Builds the request.
     *
     * @return the request
     */
    public CampaignRequest build() {
      return new CampaignRequest(tenant, channel, Optional.ofNullable(from), name, content, recipients);
    }
  }
}
