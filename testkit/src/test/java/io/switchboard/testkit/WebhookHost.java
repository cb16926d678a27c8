package io.switchboard.testkit;

import io.switchboard.webhook.WebhookProcessor;
import io.switchboard.webhook.servlet.SwitchboardWebhookServlet;
import java.net.URI;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

/**
 * The host application's side in a test: Switchboard's webhook servlet mounted at
 * {@code /webhooks/meta} on Jetty, on a free port of {@code 127.0.0.1}.
 */
public final class WebhookHost implements AutoCloseable {

  private final Server server;
  private final URI endpoint;

  private WebhookHost(Server server, URI endpoint) {
    this.server = server;
    this.endpoint = endpoint;
  }

  /**
   * Starts a host serving one Switchboard's webhooks.
   *
   * @param webhooks {@code switchboard.webhooks()}
   * @return the running host
   * @throws Exception if Jetty does not start
   */
  public static WebhookHost start(WebhookProcessor webhooks) throws Exception {
    Server server = new Server();
    ServerConnector connector = new ServerConnector(server);
    connector.setHost("127.0.0.1");
    server.addConnector(connector);
    ServletContextHandler context = new ServletContextHandler();
    context.addServlet(new ServletHolder(new SwitchboardWebhookServlet(webhooks)), "/webhooks/meta");
    server.setHandler(context);
    server.start();
    return new WebhookHost(server, URI.create("http://127.0.0.1:" + connector.getLocalPort() + "/webhooks/meta"));
  }

  /**
   * Where Meta (or the emulator) would post.
   *
   * @return the webhook URL
   */
  public URI endpoint() {
    return endpoint;
  }

  /** Stops Jetty. */
  @Override
  public void close() {
    try {
      server.stop();
    } catch (Exception e) {
      throw new IllegalStateException("Jetty did not stop", e);
    }
  }
}
