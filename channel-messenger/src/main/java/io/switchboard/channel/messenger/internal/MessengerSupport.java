package io.switchboard.channel.messenger.internal;

import io.switchboard.ChannelType;
import io.switchboard.Secret;
import io.switchboard.TenantId;
import io.switchboard.connection.ChannelConnection;
import io.switchboard.graph.GraphApiException;
import io.switchboard.graph.GraphClient;
import io.switchboard.spi.ChannelContext;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Runs a Messenger-only Graph call for a tenant's Page: resolves the connection and Page token
 * through the {@link ChannelContext} and, when Meta rejects the token, reports it before
 * rethrowing. Thread-safe.
 */
public final class MessengerSupport {

  private final Supplier<ChannelContext> context;

  /**
   * Creates the support.
   *
   * @param context supplies the bound context; throws if the channel is not registered yet
   */
  public MessengerSupport(Supplier<ChannelContext> context) {
    this.context = Objects.requireNonNull(context, "context");
  }

  /** One Graph call made with a resolved Page connection and token. */
  @FunctionalInterface
  public interface Call<T> {
    /**
     * Makes the call.
     *
     * @param graph the Graph client
     * @param page the tenant's Page connection
     * @param token the Page access token
     * @return the result
     */
    T apply(GraphClient graph, ChannelConnection page, Secret token);
  }

  /**
   * Resolves the tenant's Page.
   *
   * @param tenant the tenant
   * @param pageId the Page id, or empty for the tenant's only Page
   * @return the connection
   */
  public ChannelConnection page(TenantId tenant, Optional<String> pageId) {
    Objects.requireNonNull(tenant, "tenant");
    Objects.requireNonNull(pageId, "pageId");
    return context.get().connection(tenant, ChannelType.MESSENGER, pageId);
  }

  /**
   * Runs a call with a resolved Page.
   *
   * @param page the Page connection
   * @param call the call
   * @param <T> the result type
   * @return the call's result
   * @throws GraphApiException if Meta rejects the call; token errors are reported first
   */
  public <T> T run(ChannelConnection page, Call<T> call) {
    ChannelContext ctx = context.get();
    Secret token = ctx.accessToken(page);
    try {
      return call.apply(ctx.graph(), page, token);
    } catch (GraphApiException e) {
      if (e.isAuthError()) {
        ctx.reportAuthFailure(page);
      }
      throw e;
    }
  }
}
