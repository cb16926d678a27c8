package io.switchboard.testkit.emulator;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;

/**
 * A person writing to a Page on Messenger through a {@link MetaEmulator}. Each method posts one
 * signed {@code page} webhook right away and returns the message's {@code mid}. Thread-safe.
 */
public final class MessengerCustomer {

  private final MetaEmulator emulator;
  private final String pageId;
  private final String psid;

  MessengerCustomer(MetaEmulator emulator, String pageId, String psid) {
    this.emulator = emulator;
    this.pageId = pageId;
    this.psid = psid;
  }

  /**
   * Sends a text message.
   *
   * @param text the text
   * @return the message's {@code mid}
   */
  public String sendsText(String text) {
    ObjectNode message = JsonNodeFactory.instance.objectNode();
    String mid = "m_IN" + String.format("%012d", emulator.nextSequence());
    message.put("mid", mid).put("text", text);
    post("message", message);
    return mid;
  }

  /**
   * Taps a quick reply.
   *
   * @param text the quick reply's title
   * @param payload its payload
   * @return the message's {@code mid}
   */
  public String tapsQuickReply(String text, String payload) {
    ObjectNode message = JsonNodeFactory.instance.objectNode();
    String mid = "m_IN" + String.format("%012d", emulator.nextSequence());
    message.put("mid", mid).put("text", text);
    message.putObject("quick_reply").put("payload", payload);
    post("message", message);
    return mid;
  }

  /**
   * Taps a postback button.
   *
   * @param title the button title
   * @param payload its payload
   * @return the postback's {@code mid}
   */
  public String tapsPostback(String title, String payload) {
    String mid = "m_PB" + String.format("%012d", emulator.nextSequence());
    post("postback", JsonNodeFactory.instance.objectNode().put("mid", mid).put("title", title).put("payload", payload));
    return mid;
  }

  /**
   * The person's Page-scoped id.
   *
   * @return the PSID
   */
  public String psid() {
    return psid;
  }

  private void post(String key, ObjectNode event) {
    Instant now = emulator.clock().instant();
    emulator.postWebhook(Payloads.messaging(false, pageId, psid, pageId, now, key, event));
  }

  @Override
  public String toString() {
    return "MessengerCustomer[" + psid + " -> " + pageId + "]";
  }
}
