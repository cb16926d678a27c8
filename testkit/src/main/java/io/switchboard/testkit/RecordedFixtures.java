package io.switchboard.testkit;

import io.switchboard.ChannelType;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Webhook bodies in the shapes Meta documents, one per kind of notification, for WhatsApp,
 * Messenger and Instagram. They are the same files Switchboard's own channel tests parse, shipped
 * in the {@code switchboard-fixtures} jar under {@code io/switchboard/fixtures/<channel>/}.
 *
 * <p>A fixture is named by its path inside its channel's folder, such as
 * {@code messages/text.json}; {@link #names(ChannelType)} lists them. Sign the bytes with
 * {@link WebhookSigner} and hand them to Switchboard, in process or over HTTP:
 *
 * <pre>{@code
 * RecordedFixtures fixtures = RecordedFixtures.load();
 * WebhookSigner signer = WebhookSigner.of(Secret.of("app-secret"));
 * byte[] body = fixtures.bytes(ChannelType.WHATSAPP, "messages/text.json");
 * WebhookResponse r = switchboard.webhooks().handle(signer.request(body));
 * }</pre>
 *
 * <p>Ids in the bodies are placeholders (for example WhatsApp phone number id
 * {@code 200000000000001}); connect a test tenant with that account id to have the events routed
 * to it, otherwise Switchboard keeps them as unroutable. The README beside each channel's folder
 * lists the placeholders and the documented shape every file follows.
 *
 * <p>Immutable and thread-safe. Each read returns fresh bytes, so callers may change them.
 */
public final class RecordedFixtures {

  private static final String ROOT = "/io/switchboard/fixtures/";
  private static final String INDEX = ROOT + "index.txt";

  private final Map<ChannelType, List<String>> names;

  private RecordedFixtures(Map<ChannelType, List<String>> names) {
    this.names = names;
  }

  /**
   * Reads the fixture index from the classpath. The index, not a directory listing, says what
   * exists, because a folder inside a jar cannot be listed.
   *
   * @return the fixtures
   * @throws IllegalStateException if {@code switchboard-fixtures} is not on the classpath
   */
  public static RecordedFixtures load() {
    Map<ChannelType, List<String>> byChannel = new EnumMap<>(ChannelType.class);
    List<String> index = new String(readResource(INDEX), StandardCharsets.UTF_8).lines()
        .map(String::strip)
        .filter(line -> !line.isEmpty())
        .toList();
    for (ChannelType channel : ChannelType.values()) {
      String prefix = folder(channel) + "/";
      byChannel.put(channel, index.stream()
          .filter(line -> line.startsWith(prefix))
          .map(line -> line.substring(prefix.length()))
          .sorted()
          .toList());
    }
    return new RecordedFixtures(byChannel);
  }

  /**
   * The fixtures of one channel, sorted.
   *
   * @param channel the channel
   * @return the names, such as {@code messages/text.json}; empty for a channel without recorded
   *     webhooks ({@link ChannelType#WHATSAPP_WEB})
   */
  public List<String> names(ChannelType channel) {
    return names.get(Objects.requireNonNull(channel, "channel"));
  }

  /**
   * One fixture's bytes, exactly as stored (UTF-8 JSON). Sign these bytes, not a re-encoding.
   *
   * @param channel the channel
   * @param name a name from {@link #names(ChannelType)}
   * @return a fresh copy of the body
   * @throws IllegalArgumentException if the channel has no fixture of that name; the message
   *     lists the names it has
   */
  public byte[] bytes(ChannelType channel, String name) {
    Objects.requireNonNull(name, "name");
    List<String> available = names(channel);
    if (!available.contains(name)) {
      throw new IllegalArgumentException("no " + channel + " fixture named '" + name + "'; "
          + (available.isEmpty() ? "there are no " + channel + " fixtures" : "available: " + available));
    }
    return readResource(ROOT + folder(channel) + "/" + name);
  }

  /**
   * One fixture as text.
   *
   * @param channel the channel
   * @param name a name from {@link #names(ChannelType)}
   * @return the JSON body
   * @throws IllegalArgumentException if the channel has no fixture of that name; the message
   *     lists the names it has
   */
  public String text(ChannelType channel, String name) {
    return new String(bytes(channel, name), StandardCharsets.UTF_8);
  }

  @Override
  public String toString() {
    StringBuilder counts = new StringBuilder("RecordedFixtures[");
    names.forEach((channel, list) -> counts.append(channel).append('=').append(list.size()).append(", "));
    counts.setLength(counts.length() - 2);
    return counts.append(']').toString();
  }

  /** The channel's folder in the fixtures jar: its lower-case name. */
  private static String folder(ChannelType channel) {
    return channel.name().toLowerCase(Locale.ROOT);
  }

  private static byte[] readResource(String resource) {
    try (InputStream in = RecordedFixtures.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException(
            resource + " is not on the classpath; add io.switchboard:switchboard-fixtures");
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException("could not read " + resource, e);
    }
  }
}
