package io.switchboard.channel.whatsapp;

import com.fasterxml.jackson.databind.JsonNode;
import io.switchboard.Secret;
import io.switchboard.SwitchboardException;
import io.switchboard.TenantId;
import io.switchboard.ValidationException;
import io.switchboard.channel.whatsapp.internal.WaSendSupport;
import io.switchboard.channel.whatsapp.internal.WhatsAppMediaRules;
import io.switchboard.connection.ChannelConnection;
import io.switchboard.graph.GraphApiException;
import io.switchboard.graph.GraphClient;
import io.switchboard.graph.MediaDownload;
import io.switchboard.graph.MediaTooLargeException;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * WhatsApp media of a tenant's phone number: upload files to send by id, look up and download
 * received (or uploaded) files, delete them. Get it from {@link WhatsAppChannel#media()}.
 *
 * <p>Every method takes the tenant and, optionally, the phone number id; with an empty phone
 * number id the tenant's only WhatsApp number is used. A rejected token marks the connection as
 * needing re-authorisation before the {@link GraphApiException} is rethrown. Thread-safe; calls
 * block.
 */
public final class WhatsAppMedia {

  private final WaSendSupport support;
  private final WhatsAppConfig config;

  WhatsAppMedia(WaSendSupport support, WhatsAppConfig config) {
    this.support = support;
    this.config = config;
  }

  /**
   * Uploads a file ({@code POST /{phone_number_id}/media}, multipart). Uploaded ids stay valid
   * for 30 days.
   *
   * @param tenant the tenant
   * @param phoneNumberId the phone number id, or empty for the tenant's only number
   * @param content the file
   * @param mimeType its MIME type, such as {@code image/jpeg} or {@code audio/ogg; codecs=opus}
   * @param fileName the file name sent with it
   * @return the media id to send with {@code MediaSource.id(...)}
   * @throws ValidationException if the MIME type is not accepted or the file exceeds its limit
   *     (see {@link WhatsAppLimits}); nothing is sent
   * @throws GraphApiException if Meta rejects the upload
   */
  public String upload(TenantId tenant, Optional<String> phoneNumberId, byte[] content, String mimeType,
      String fileName) {
    Objects.requireNonNull(content, "content");
    Objects.requireNonNull(mimeType, "mimeType");
    Objects.requireNonNull(fileName, "fileName");
    List<ValidationException.Violation> problems = WhatsAppMediaRules.check(mimeType, content);
    if (!problems.isEmpty()) {
      throw new ValidationException(problems);
    }
    return support.run(tenant, phoneNumberId, (graph, connection, token) -> {
      JsonNode answer = graph.postMultipart(
          connection.accountId() + "/media",
          token,
          Map.of("messaging_product", "whatsapp", "type", mimeType),
          "file",
          fileName,
          mimeType,
          content);
      String id = answer.path("id").asText("");
      if (id.isEmpty()) {
        throw new SwitchboardException("WhatsApp accepted the upload but its answer carries no id");
      }
      return id;
    });
  }

  /**
   * Looks up a media file ({@code GET /{media_id}?phone_number_id=...}).
   *
   * @param tenant the tenant
   * @param phoneNumberId the phone number id, or empty for the tenant's only number
   * @param mediaId the media id
   * @return the file's download URL and metadata
   * @throws GraphApiException if Meta rejects the call (an unknown id is code 100)
   */
  public WhatsAppMediaInfo info(TenantId tenant, Optional<String> phoneNumberId, String mediaId) {
    requireId(mediaId);
    return support.run(tenant, phoneNumberId, (graph, connection, token) -> info(graph, connection, token, mediaId));
  }

  /**
   * Downloads a media file: looks up its short-lived URL, then fetches it with the token. If the
   * URL has expired (HTTP 404), a fresh URL is fetched and the download retried once.
   *
   * @param tenant the tenant
   * @param phoneNumberId the phone number id, or empty for the tenant's only number
   * @param mediaId the media id, such as one from an inbound message
   * @return the bytes and content type
   * @throws MediaTooLargeException if the file exceeds {@link WhatsAppConfig#maxMediaDownloadBytes()}
   * @throws GraphApiException if Meta rejects the lookup or the download
   */
  public MediaDownload download(TenantId tenant, Optional<String> phoneNumberId, String mediaId) {
    requireId(mediaId);
    long cap = config.maxMediaDownloadBytes();
    return support.run(tenant, phoneNumberId, (graph, connection, token) -> {
      WhatsAppMediaInfo info = info(graph, connection, token, mediaId);
      checkDeclaredSize(info, cap);
      try {
        return graph.download(info.url(), token, cap);
      } catch (GraphApiException e) {
        if (e.httpStatus() != 404) {
          throw e;
        }
      }
      WhatsAppMediaInfo fresh = info(graph, connection, token, mediaId);
      checkDeclaredSize(fresh, cap);
      return graph.download(fresh.url(), token, cap);
    });
  }

  /**
   * Deletes a media file ({@code DELETE /{media_id}?phone_number_id=...}).
   *
   * @param tenant the tenant
   * @param phoneNumberId the phone number id, or empty for the tenant's only number
   * @param mediaId the media id
   * @throws GraphApiException if Meta rejects the call
   */
  public void delete(TenantId tenant, Optional<String> phoneNumberId, String mediaId) {
    requireId(mediaId);
    support.run(tenant, phoneNumberId,
        (graph, connection, token) -> graph.delete(mediaId, token, Map.of("phone_number_id", connection.accountId())));
  }

  private static WhatsAppMediaInfo info(GraphClient graph, ChannelConnection connection, Secret token, String id) {
    JsonNode answer = graph.get(id, token, Map.of("phone_number_id", connection.accountId()));
    String url = answer.path("url").asText("");
    if (url.isEmpty()) {
      throw new SwitchboardException("WhatsApp answered the media lookup of " + id + " without a url");
    }
    JsonNode size = answer.get("file_size");
    OptionalLong fileSize = size != null && (size.isNumber() || size.isTextual()) && size.asLong(-1) >= 0
        ? OptionalLong.of(size.asLong())
        : OptionalLong.empty();
    return new WhatsAppMediaInfo(
        answer.path("id").asText(id),
        url,
        optional(answer, "mime_type"),
        optional(answer, "sha256"),
        fileSize);
  }

  private static void checkDeclaredSize(WhatsAppMediaInfo info, long cap) {
    if (info.fileSize().isPresent() && info.fileSize().getAsLong() > cap) {
      throw new MediaTooLargeException(cap, info.fileSize().getAsLong());
    }
  }

  private static Optional<String> optional(JsonNode node, String field) {
    JsonNode v = node.get(field);
    return v == null || v.isNull() ? Optional.empty() : Optional.of(v.asText());
  }

  private static void requireId(String mediaId) {
    Objects.requireNonNull(mediaId, "mediaId");
    if (mediaId.isBlank() || mediaId.contains("/")) {
      throw ValidationException.of("mediaId", "must be a non-blank media id without '/'");
    }
  }
}
