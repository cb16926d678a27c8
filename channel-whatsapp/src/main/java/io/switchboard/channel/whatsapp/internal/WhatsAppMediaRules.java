package io.switchboard.channel.whatsapp.internal;

import static io.switchboard.channel.whatsapp.WhatsAppLimits.AUDIO_MAX_BYTES;
import static io.switchboard.channel.whatsapp.WhatsAppLimits.DOCUMENT_MAX_BYTES;
import static io.switchboard.channel.whatsapp.WhatsAppLimits.IMAGE_MAX_BYTES;
import static io.switchboard.channel.whatsapp.WhatsAppLimits.STICKER_ANIMATED_MAX_BYTES;
import static io.switchboard.channel.whatsapp.WhatsAppLimits.STICKER_STATIC_MAX_BYTES;
import static io.switchboard.channel.whatsapp.WhatsAppLimits.VIDEO_MAX_BYTES;

import io.switchboard.ValidationException.Violation;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The MIME types WhatsApp accepts for upload and their size limits. Stateless and thread-safe.
 */
public final class WhatsAppMediaRules {

  private static final Map<String, Long> MAX_BYTES_BY_TYPE = new TreeMap<>();

  static {
    for (String t : List.of("image/jpeg", "image/png")) {
      MAX_BYTES_BY_TYPE.put(t, IMAGE_MAX_BYTES);
    }
    for (String t : List.of("video/mp4", "video/3gpp")) {
      MAX_BYTES_BY_TYPE.put(t, VIDEO_MAX_BYTES);
    }
    for (String t : List.of("audio/aac", "audio/amr", "audio/mpeg", "audio/mp4", "audio/ogg")) {
      MAX_BYTES_BY_TYPE.put(t, AUDIO_MAX_BYTES);
    }
    for (String t : List.of(
        "text/plain",
        "application/pdf",
        "application/msword",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "application/vnd.ms-excel",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "application/vnd.ms-powerpoint",
        "application/vnd.openxmlformats-officedocument.presentationml.presentation")) {
      MAX_BYTES_BY_TYPE.put(t, DOCUMENT_MAX_BYTES);
    }
    MAX_BYTES_BY_TYPE.put("image/webp", STICKER_ANIMATED_MAX_BYTES);
  }

  private WhatsAppMediaRules() {}

  /**
   * Checks a file before upload.
   *
   * @param mimeType the declared MIME type, parameters allowed ({@code audio/ogg; codecs=opus})
   * @param content the file
   * @return every problem, empty if the file may be uploaded
   */
  public static List<Violation> check(String mimeType, byte[] content) {
    List<Violation> problems = new ArrayList<>();
    String base = baseType(mimeType);
    Long max = MAX_BYTES_BY_TYPE.get(base);
    if (max == null) {
      problems.add(new Violation("type", "WhatsApp does not accept '" + mimeType + "'; supported: "
          + String.join(", ", MAX_BYTES_BY_TYPE.keySet())));
    } else {
      String what = base;
      if (base.equals("image/webp") && !isAnimatedWebp(content)) {
        max = STICKER_STATIC_MAX_BYTES;
        what = "static image/webp sticker";
      } else if (base.equals("image/webp")) {
        what = "animated image/webp sticker";
      }
      if (content.length > max) {
        problems.add(new Violation("file", "a " + what + " must be at most " + max + " bytes (was "
            + content.length + ")"));
      }
    }
    if (content.length == 0) {
      problems.add(new Violation("file", "must not be empty"));
    }
    return problems;
  }

  /**
   * The MIME type without parameters, lower-cased.
   *
   * @param mimeType such as {@code audio/ogg; codecs=opus}
   * @return such as {@code audio/ogg}
   */
  public static String baseType(String mimeType) {
    int semicolon = mimeType.indexOf(';');
    return (semicolon < 0 ? mimeType : mimeType.substring(0, semicolon)).trim().toLowerCase(Locale.ROOT);
  }

  /** WebP files with a VP8X chunk whose animation flag (bit 1) is set. */
  static boolean isAnimatedWebp(byte[] content) {
    if (content.length < 21) {
      return false;
    }
    String riff = new String(content, 0, 4, StandardCharsets.US_ASCII);
    String webp = new String(content, 8, 4, StandardCharsets.US_ASCII);
    String chunk = new String(content, 12, 4, StandardCharsets.US_ASCII);
    return riff.equals("RIFF") && webp.equals("WEBP") && chunk.equals("VP8X") && (content[20] & 0x02) != 0;
  }
}
