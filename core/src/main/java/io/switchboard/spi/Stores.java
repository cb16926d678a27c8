package io.switchboard.spi;

/**
 * Every store Switchboard needs, from one backend: pass it to
 * {@code Switchboard.builder().stores(...)}. {@code JdbcStores} (module {@code store-jdbc}) and
 * {@link io.switchboard.store.memory.InMemoryStores} implement it; a host with its own backend can
 * too, or set each store on the builder.
 */
public interface Stores {

  /**
   * Encrypted access tokens.
   *
   * @return the store
   */
  TokenStore tokenStore();

  /**
   * Tenants' channel connections.
   *
   * @return the store
   */
  ConnectionStore connectionStore();

  /**
   * Inbound events.
   *
   * @return the store
   */
  InboxStore inboxStore();

  /**
   * Outbound messages.
   *
   * @return the store
   */
  OutboxStore outboxStore();

  /**
   * Last inbound times for messaging windows.
   *
   * @return the store
   */
  ConversationWindowStore windowStore();

  /**
   * Campaigns.
   *
   * @return the store
   */
  CampaignStore campaignStore();
}
