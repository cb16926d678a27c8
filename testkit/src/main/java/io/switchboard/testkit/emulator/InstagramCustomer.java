package io.switchboard.testkit.emulator;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;

/**
 * A person writing to an Instagram professional account through a {@link MetaEmulator}. Each
 * method posts one signed {@code instagram} webhook right away and returns the message's
 * {@code mid}. Thread-safe.
 */
public final class InstagramCustomer {

  private final MetaEmulator emulator;
  private final String igId;
  private final String igsid;

  InstagramCustomer(MetaEmulator emulator, String igId, String igsid) {
    this.emulator = emulator;
    this.igId = igId;
    this.igsid = igsid;
  }

  /**
   * Sends a text message.
   *
   * @param text the text
   * @return the message's {@code mid}
   */
  public String sendsText(String text) {
    String mid = "aWdfZAIN" + String.format("%012d", emulator.nextSequence());
    post("message", JsonNodeFactory.instance.objectNode().put("mid", mid).put("text", text));
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
    String mid = "aWdfZAPB" + String.format("%012d", emulator.nextSequence());
    post("postback", JsonNodeFactory.instance.objectNode().put("mid", mid).put("title", title).put("payload", payload));
    return mid;
  }

  /**
   * The person's Instagram-scoped id.
   *
   * @return the IGSID
   */
  public String igsid() {
    return igsid;
  }

  private void post(String key, ObjectNode event) {
    Instant now = emulator.clock().instant();
    emulator.postWebhook(Payloads.messaging(true, igId, igsid, igId, now, key, event));
  }

  @Override
  public String toString() {
    return "InstagramCustomer[" + igsid + " -> " + igId + "]";
  }
}
