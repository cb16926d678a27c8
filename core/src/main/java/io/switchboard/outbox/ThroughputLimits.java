package io.switchboard.outbox;

import io.switchboard.ChannelType;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;

/**
 * Messages per second each sending account may send, per channel: WhatsApp 80 per number (Meta's
 * default; up to 1,000 after Meta upgrades the number), Messenger 300 per Page, Instagram 100 per
 * account. A connection attribute {@value #ATTRIBUTE} overrides the rate for one account (set it to
 * 1000 for an upgraded WhatsApp number). Immutable.
 */
public final class ThroughputLimits {

  /** Connection attribute that overrides the rate for one account. */
  public static final String ATTRIBUTE = "max_messages_per_second";

  private final Map<ChannelType, Integer> perSecond;

  private ThroughputLimits(Map<ChannelType, Integer> perSecond) {
    this.perSecond = Map.copyOf(perSecond);
  }

  /**
   * Meta's documented defaults.
   *
   * @return WhatsApp 80/s, Messenger 300/s, Instagram 100/s, WhatsApp Web 5/s
   */
  public static ThroughputLimits defaults() {
    Map<ChannelType, Integer> m = new EnumMap<>(ChannelType.class);
    m.put(ChannelType.WHATSAPP, 80);
    m.put(ChannelType.MESSENGER, 300);
    m.put(ChannelType.INSTAGRAM, 100);
    m.put(ChannelType.WHATSAPP_WEB, 5);
    return new ThroughputLimits(m);
  }

  /**
   * A copy with another default rate for a channel.
   *
   * @param channel the channel
   * @param messagesPerSecond 1 to 10,000
   * @return the new limits
   */
  public ThroughputLimits with(ChannelType channel, int messagesPerSecond) {
    Objects.requireNonNull(channel, "channel");
    if (messagesPerSecond < 1 || messagesPerSecond > 10_000) {
      throw new IllegalArgumentException("messagesPerSecond must be 1..10000, got " + messagesPerSecond);
    }
    Map<ChannelType, Integer> m = new EnumMap<>(perSecond);
    m.put(channel, messagesPerSecond);
    return new ThroughputLimits(m);
  }

  /**
   * The default rate of a channel.
   *
   * @param channel the channel
   * @return messages per second
   */
  public int perSecond(ChannelType channel) {
    return perSecond.get(channel);
  }

  @Override
  public String toString() {
    return "ThroughputLimits" + perSecond;
  }
}
