package io.switchboard.channel.whatsapp.internal;

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
 * Runs WhatsApp-only operations for a tenant: resolves the tenant's WhatsApp connection and token
 * through the {@link ChannelContext}, and reports token rejections (Graph code 190/102) before
 * rethrowing them. Thread-safe.
 */
public final class WaSendSupport {

  private final Supplier<ChannelContext> context;

  /**
   * Creates the support.
   *
   * @param context supplies the bound context; throws if the channel is not registered yet
   */
  public WaSendSupport(Supplier<ChannelContext> context) {
    this.context = Objects.requireNonNull(context, "context");
  }

  /** One Graph call made with a resolved connection and token. */
  @FunctionalInterface
  public interface Call<T> {
    /**
     * Makes the call.
     *
     * @param graph the Graph client
     * @param connection the tenant's connection
     * @param token its token
     * @return the result
     */
    T apply(GraphClient graph, ChannelConnection connection, Secret token);
  }

  /**
   * Resolves the connection and runs a call with it.
   *
   * @param tenant the tenant
   * @param phoneNumberId the phone number id, or empty for the tenant's only number
   * @param call the call
   * @param <T> the result type
   * @return the call's result
   * @throws GraphApiException if Meta rejects the call; auth errors are reported first
   */
  public <T> T run(TenantId tenant, Optional<String> phoneNumberId, Call<T> call) {
    Objects.requireNonNull(tenant, "tenant");
    Objects.requireNonNull(phoneNumberId, "phoneNumberId");
    ChannelContext ctx = context.get();
    ChannelConnection connection = ctx.connection(tenant, ChannelType.WHATSAPP, phoneNumberId);
    Secret token = ctx.accessToken(connection);
    try {
      return call.apply(ctx.graph(), connection, token);
    } catch (GraphApiException e) {
      if (e.isAuthError()) {
        ctx.reportAuthFailure(connection);
      }
      throw e;
    }
  }
}
