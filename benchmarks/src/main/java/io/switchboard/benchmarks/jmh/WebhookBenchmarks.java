package io.switchboard.benchmarks.jmh;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.switchboard.ChannelType;
import io.switchboard.Secret;
import io.switchboard.TenantId;
import io.switchboard.channel.instagram.InstagramChannel;
import io.switchboard.channel.messenger.MessengerChannel;
import io.switchboard.channel.whatsapp.WhatsAppChannel;
import io.switchboard.connection.ChannelConnection;
import io.switchboard.event.InboundEvent;
import io.switchboard.graph.GraphClient;
import io.switchboard.spi.ChannelAdapter;
import io.switchboard.spi.ChannelContext;
import io.switchboard.benchmarks.Payloads;
import io.switchboard.webhook.WebhookSignature;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The inbound hot path per channel, without HTTP or storage: {@code WebhookSignature.verify} of the
 * raw body, Jackson {@code readTree}, and the channel's {@code parseWebhook}, for payloads of 1 and
 * 50 text messages (Meta's shapes, as in the channels' fixtures).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xms512m", "-Xmx512m"})
public class WebhookBenchmarks {

  private static final Secret APP_SECRET = Secret.of("bench-app-secret");

  @Param({"whatsapp", "messenger", "instagram"})
  public String channel;

  @Param({"1", "50"})
  public int messages;

  private ChannelAdapter adapter;
  private byte[] body;
  private String signature;
  private final ObjectMapper mapper = new ObjectMapper();

  /** The least a channel needs to parse: a clock (and a Graph client it does not use here). */
  static ChannelContext context() {
    GraphClient graph = GraphClient.builder().build();
    return new ChannelContext() {
      @Override
      public GraphClient graph() {
        return graph;
      }

      @Override
      public Clock clock() {
        return Clock.systemUTC();
      }

      @Override
      public ChannelConnection connection(TenantId tenant, ChannelType channel, Optional<String> accountId) {
        throw new UnsupportedOperationException("not used by the benchmark");
      }

      @Override
      public Secret accessToken(ChannelConnection connection) {
        throw new UnsupportedOperationException("not used by the benchmark");
      }

      @Override
      public void reportAuthFailure(ChannelConnection connection) {
        throw new UnsupportedOperationException("not used by the benchmark");
      }
    };
  }

  @Setup
  public void setUp() throws IOException {
    switch (channel) {
      case "whatsapp" -> {
        adapter = WhatsAppChannel.create();
        body = Payloads.whatsApp("200000000000001", "JMH", messages);
      }
      case "messenger" -> {
        adapter = MessengerChannel.create();
        body = Payloads.messaging("page", "300000000000001", "JMH", messages);
      }
      case "instagram" -> {
        adapter = InstagramChannel.create();
        body = Payloads.messaging("instagram", "17841400000000001", "JMH", messages);
      }
      default -> throw new IllegalArgumentException(channel);
    }
    adapter.bind(context());
    signature = WebhookSignature.sign(APP_SECRET, body);
    List<InboundEvent> events = verifyAndParse();
    if (events.size() != messages) {
      throw new IllegalStateException(channel + ": parsed " + events.size() + " events from " + messages
          + " messages: " + new String(body, StandardCharsets.UTF_8));
    }
  }

  /** Verify + readTree + parseWebhook: what the webhook processor does before storing. */
  @Benchmark
  public List<InboundEvent> verifyAndParse() throws IOException {
    if (!WebhookSignature.verify(APP_SECRET, signature, body)) {
      throw new IllegalStateException("bad signature");
    }
    JsonNode tree = mapper.readTree(body);
    return adapter.parseWebhook(tree);
  }

  /** The signature check alone (HMAC-SHA256 of the body, constant-time compare). */
  @Benchmark
  public boolean verifyOnly() {
    return WebhookSignature.verify(APP_SECRET, signature, body);
  }
}
