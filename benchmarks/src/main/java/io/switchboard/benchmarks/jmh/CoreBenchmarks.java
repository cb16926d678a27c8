package io.switchboard.benchmarks.jmh;

import io.switchboard.ChannelType;
import io.switchboard.TenantId;
import io.switchboard.ValidationException;
import io.switchboard.channel.whatsapp.WhatsAppChannel;
import io.switchboard.crypto.Keyring;
import io.switchboard.crypto.TokenCipher;
import io.switchboard.message.SendRequest;
import io.switchboard.message.Template;
import io.switchboard.message.TemplateComponent;
import io.switchboard.message.TemplateParameter;
import io.switchboard.message.Text;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Per-send costs outside the network: decrypting a stored access token ({@code TokenCipher.decrypt},
 * AES-256-GCM) and the WhatsApp channel's request validation for a text and a template message
 * (building a {@code SendRequest} included).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xms512m", "-Xmx512m"})
public class CoreBenchmarks {

  private static final TenantId TENANT = TenantId.of("tenant-1");

  private TokenCipher cipher;
  private String ciphertext;
  private WhatsAppChannel whatsApp;
  private Template template;

  @Setup
  public void setUp() {
    cipher = new TokenCipher(Keyring.builder().primary("bench", Keyring.generateKeyBase64()).build());
    ciphertext = cipher.encrypt("EAAGm0PX4ZCpsBAKZBbench0token0of0a0typical0length0for0a0system0user0xxxxxxxxxxxxxxxxxx",
        "tenant-1/WHATSAPP/200000000000001");
    whatsApp = WhatsAppChannel.create();
    whatsApp.bind(WebhookBenchmarks.context());
    template = Template.builder("order_update", "en_US")
        .component(TemplateComponent.body(TemplateParameter.text("860198"), TemplateParameter.text("Ana")))
        .build();
  }

  @Benchmark
  public String tokenDecrypt() {
    return cipher.decrypt(ciphertext, "tenant-1/WHATSAPP/200000000000001");
  }

  @Benchmark
  public List<ValidationException.Violation> validateText() {
    return whatsApp.validate(SendRequest.builder().tenant(TENANT).channel(ChannelType.WHATSAPP)
        .to("15551230001").content(Text.of("Your order 860198 has shipped.")).build());
  }

  @Benchmark
  public List<ValidationException.Violation> validateTemplate() {
    return whatsApp.validate(SendRequest.builder().tenant(TENANT).channel(ChannelType.WHATSAPP)
        .to("15551230001").content(template).build());
  }
}
