package io.switchboard.testkit.emulator;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.Objects;

/**
 * A WhatsApp user writing to a business phone number on a {@link MetaEmulator}. Each method posts
 * one signed {@code whatsapp_business_account} webhook to the emulator's target right away and
 * returns the inbound message's {@code wamid}. How the customer treats the business's messages
 * decides their status callbacks: {@code sent → delivered → read} by default. Thread-safe.
 */
public final class WhatsAppCustomer {

  private final MetaEmulator emulator;
  private final String phoneNumberId;
  private final String waId;
  private final String name;
  private volatile boolean reads = true;
  private volatile boolean reachable = true;

  WhatsAppCustomer(MetaEmulator emulator, String phoneNumberId, String waId, String name) {
    this.emulator = emulator;
    this.phoneNumberId = phoneNumberId;
    this.waId = Objects.requireNonNull(waId, "waId");
    this.name = Objects.requireNonNull(name, "name");
  }

  /**
   * Sends a text message.
   *
   * @param body the text
   * @return the message's {@code wamid}
   */
  public String sendsText(String body) {
    return send("text", null, message -> message.putObject("text").put("body", body));
  }

  /**
   * Replies to a business message (the inbound message carries {@code context}).
   *
   * @param wamid the business message replied to
   * @param body the text
   * @return the message's {@code wamid}
   */
  public String repliesTo(String wamid, String body) {
    return send("text", wamid, message -> message.putObject("text").put("body", body));
  }

  /**
   * Sends a photo: the bytes are stored on the emulator under a media id the host can look up
   * and download.
   *
   * @param content the image bytes
   * @param mimeType such as {@code image/jpeg}
   * @param caption the caption, or null
   * @return the message's {@code wamid}
   */
  public String sendsImage(byte[] content, String mimeType, String caption) {
    String mediaId = emulator.addMedia(phoneNumberId, content, mimeType);
    return send("image", null, message -> {
      ObjectNode image = message.putObject("image");
      if (caption != null) {
        image.put("caption", caption);
      }
      image.put("mime_type", mimeType);
      image.put("sha256", MetaEmulator.sha256(content));
      image.put("id", mediaId);
    });
  }

  /**
   * Taps a reply button of an interactive business message.
   *
   * @param wamid the interactive message
   * @param buttonId the button's id
   * @param title the button's title
   * @return the message's {@code wamid}
   */
  public String tapsButton(String wamid, String buttonId, String title) {
    return send("interactive", wamid, message -> message.putObject("interactive")
        .put("type", "button_reply")
        .putObject("button_reply").put("id", buttonId).put("title", title));
  }

  /**
   * Reacts to a business message.
   *
   * @param wamid the message reacted to
   * @param emoji the emoji, or an empty string to remove the reaction
   * @return the reaction's {@code wamid}
   */
  public String reacts(String wamid, String emoji) {
    return send("reaction", null, message -> message.putObject("reaction")
        .put("message_id", wamid).put("emoji", emoji));
  }

  /**
   * Whether the customer reads business messages: if not, status callbacks stop at
   * {@code delivered}.
   *
   * @param reads true (the default) to read
   * @return this customer
   */
  public WhatsAppCustomer readsMessages(boolean reads) {
    this.reads = reads;
    return this;
  }

  /**
   * Makes business messages to this customer fail: they are accepted, then a {@code failed}
   * status with error 131026 (message undeliverable) follows.
   *
   * @return this customer
   */
  public WhatsAppCustomer unreachable() {
    this.reachable = false;
    return this;
  }

  /**
   * The customer's WhatsApp id.
   *
   * @return the phone digits
   */
  public String waId() {
    return waId;
  }

  /**
   * The customer's profile name.
   *
   * @return the name
   */
  public String name() {
    return name;
  }

  /**
   * The business phone number the customer writes to.
   *
   * @return the phone number id
   */
  public String phoneNumberId() {
    return phoneNumberId;
  }

  boolean reads() {
    return reads;
  }

  boolean reachable() {
    return reachable;
  }

  private String send(String type, String contextWamid, java.util.function.Consumer<ObjectNode> content) {
    MetaEmulator.Account account;
    synchronized (emulator.lock) {
      account = emulator.requireAccount(phoneNumberId, Platform.WHATSAPP);
    }
    Instant now = emulator.clock().instant();
    String wamid = "wamid.IN" + String.format("%012d", emulator.nextSequence());
    ObjectNode message = Payloads.whatsAppMessage(waId, wamid, now, type);
    if (contextWamid != null) {
      message.putObject("context").put("from", account.displayPhoneNumber()).put("id", contextWamid);
    }
    content.accept(message);
    emulator.postWebhook(Payloads.whatsApp(account.wabaId, phoneNumberId, account.displayPhoneNumber(),
        Payloads.whatsAppInbound(waId, name, message)));
    return wamid;
  }

  @Override
  public String toString() {
    return "WhatsAppCustomer[" + waId + " -> " + phoneNumberId + "]";
  }
}
