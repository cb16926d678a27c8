package io.switchboard.channel.whatsapp;

import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * What WhatsApp says about an uploaded or received media file ({@code GET /{media_id}}).
 * Immutable.
 *
 * @param id the media id
 * @param url a short-lived (about 5 minutes) download URL that needs the bearer token
 * @param mimeType the file's MIME type, if reported
 * @param sha256 the file's SHA-256 digest, if reported
 * @param fileSize the size in bytes, if reported
 */
public record WhatsAppMediaInfo(
    String id, String url, Optional<String> mimeType, Optional<String> sha256, OptionalLong fileSize) {

  /** Checks required fields. */
  public WhatsAppMediaInfo {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(url, "url");
    Objects.requireNonNull(mimeType, "mimeType");
    Objects.requireNonNull(sha256, "sha256");
    Objects.requireNonNull(fileSize, "fileSize");
  }
}
