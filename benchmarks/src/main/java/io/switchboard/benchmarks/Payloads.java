package io.switchboard.benchmarks;

import java.nio.charset.StandardCharsets;

/** Webhook bodies in Meta's shapes (as in the channels' test fixtures), with unique message ids. */
public final class Payloads {

  private Payloads() {}

  /** A WhatsApp {@code messages} notification for one phone number with {@code count} text messages. */
  public static byte[] whatsApp(String phoneNumberId, String idPrefix, int count) {
    StringBuilder b = new StringBuilder(400 + count * 200);
    b.append("{\"object\":\"whatsapp_business_account\",\"entry\":[{\"id\":\"100000000000001\",\"changes\":[{")
        .append("\"field\":\"messages\",\"value\":{\"messaging_product\":\"whatsapp\",\"metadata\":{")
        .append("\"display_phone_number\":\"15550000001\",\"phone_number_id\":\"").append(phoneNumberId)
        .append("\"},\"contacts\":[{\"profile\":{\"name\":\"Ana Lima\"},\"wa_id\":\"15551230001\"}],\"messages\":[");
    for (int i = 0; i < count; i++) {
      if (i > 0) {
        b.append(',');
      }
      b.append("{\"from\":\"15551230001\",\"id\":\"wamid.").append(idPrefix).append('_').append(i)
          .append("\",\"timestamp\":\"1760000000\",\"type\":\"text\",\"text\":{\"body\":\"Is the blue one in stock? ")
          .append(i).append("\"}}");
    }
    b.append("]}}]}]}");
    return b.toString().getBytes(StandardCharsets.UTF_8);
  }

  /** A Messenger ({@code object: page}) or Instagram ({@code object: instagram}) batch of text messages. */
  public static byte[] messaging(String object, String accountId, String idPrefix, int count) {
    StringBuilder b = new StringBuilder(200 + count * 200);
    b.append("{\"object\":\"").append(object).append("\",\"entry\":[{\"id\":\"").append(accountId)
        .append("\",\"time\":1760000000623,\"messaging\":[");
    for (int i = 0; i < count; i++) {
      if (i > 0) {
        b.append(',');
      }
      b.append("{\"sender\":{\"id\":\"400000000000001\"},\"recipient\":{\"id\":\"").append(accountId)
          .append("\"},\"timestamp\":1760000000123,\"message\":{\"mid\":\"m_").append(idPrefix).append('_').append(i)
          .append("\",\"text\":\"Hi, is my order on its way? ").append(i).append("\"}}");
    }
    b.append("]}]}");
    return b.toString().getBytes(StandardCharsets.UTF_8);
  }
}
