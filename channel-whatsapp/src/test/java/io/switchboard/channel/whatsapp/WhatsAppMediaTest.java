package io.switchboard.channel.whatsapp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.switchboard.ValidationException;
import io.switchboard.graph.GraphApiException;
import io.switchboard.graph.MediaDownload;
import io.switchboard.graph.MediaTooLargeException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;
import okhttp3.Headers;
import okhttp3.MultipartReader;
import okio.Buffer;
import org.junit.jupiter.api.Test;

/** Media upload, lookup, download and delete (meta-api-facts.md §3.4). */
class WhatsAppMediaTest extends WhatsAppTestBase {

  private static final String MEDIA_ID = "1037543291543636";

  @Override
  WhatsAppConfig config() {
    return WhatsAppConfig.builder().maxMediaDownloadBytes(1000).build();
  }

  private String mediaLookup(String path, Long fileSize) {
    return """
        {"messaging_product":"whatsapp","url":"%s","mime_type":"image/jpeg",
         "sha256":"abc123","id":"%s"%s}"""
        .formatted(server.url(path), MEDIA_ID, fileSize == null ? "" : ",\"file_size\":" + fileSize);
  }

  private void enqueueFile(byte[] bytes) {
    server.enqueue(new MockResponse.Builder().code(200).addHeader("Content-Type", "image/jpeg")
        .body(new Buffer().write(bytes)).build());
  }

  /** Reads a multipart body into name -> (filename, content type, text). */
  private static Map<String, String[]> parts(RecordedRequest r) throws Exception {
    String contentType = r.getHeaders().get("Content-Type");
    assertThat(contentType).startsWith("multipart/form-data");
    String boundary = contentType.substring(contentType.indexOf("boundary=") + "boundary=".length());
    Map<String, String[]> parts = new LinkedHashMap<>();
    try (MultipartReader reader = new MultipartReader(new Buffer().write(r.getBody()), boundary)) {
      MultipartReader.Part part;
      while ((part = reader.nextPart()) != null) {
        String disposition = part.headers().get("Content-Disposition");
        String name = disposition.replaceAll(".*; name=\"([^\"]*)\".*", "$1");
        String filename = disposition.contains("filename=") ? disposition.replaceAll(".*filename=\"([^\"]*)\".*", "$1")
            : null;
        parts.put(name, new String[] {filename, part.headers().get("Content-Type"), part.body().readUtf8()});
      }
    }
    return parts;
  }

  @Test
  void upload_postsMultipartWithProductTypeAndFile() throws Exception {
    enqueueJson(200, "{\"id\":\"" + MEDIA_ID + "\"}");
    byte[] jpeg = "fake-jpeg-bytes".getBytes(StandardCharsets.UTF_8);

    String id = channel.media().upload(TENANT, Optional.empty(), jpeg, "image/jpeg", "photo.jpg");

    assertThat(id).isEqualTo(MEDIA_ID);
    RecordedRequest r = assertRequest("POST", "/v26.0/" + PHONE_ID + "/media");
    Map<String, String[]> parts = parts(r);
    assertThat(parts).containsOnlyKeys("messaging_product", "type", "file");
    assertThat(parts.get("messaging_product")[2]).isEqualTo("whatsapp");
    assertThat(parts.get("type")[2]).isEqualTo("image/jpeg");
    assertThat(parts.get("file")[0]).isEqualTo("photo.jpg");
    assertThat(parts.get("file")[1]).startsWith("image/jpeg");
    assertThat(parts.get("file")[2]).isEqualTo("fake-jpeg-bytes");
  }

  @Test
  void upload_unsupportedMime_rejectedWithoutRequest() {
    assertThatThrownBy(() -> channel.media().upload(TENANT, Optional.empty(), new byte[10], "image/gif", "a.gif"))
        .isInstanceOfSatisfying(ValidationException.class,
            e -> assertThat(e.violations()).singleElement().satisfies(v -> {
              assertThat(v.field()).isEqualTo("type");
              assertThat(v.problem()).contains("image/gif");
            }));
    assertNoRequest();
  }

  @Test
  void upload_imageAtLimitAccepted_oneByteOverRejected() throws Exception {
    assertThatThrownBy(() -> channel.media().upload(TENANT, Optional.empty(),
        new byte[(int) WhatsAppLimits.IMAGE_MAX_BYTES + 1], "image/png", "a.png"))
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("must be at most 5242880 bytes (was 5242881)");
    assertNoRequest();

    enqueueJson(200, "{\"id\":\"m\"}");
    assertThat(channel.media().upload(TENANT, Optional.empty(), new byte[(int) WhatsAppLimits.IMAGE_MAX_BYTES],
        "image/png", "a.png")).isEqualTo("m");
  }

  @Test
  void upload_audioWithCodecParameter_acceptedAndTypeKept() throws Exception {
    enqueueJson(200, "{\"id\":\"voice\"}");

    channel.media().upload(TENANT, Optional.empty(), new byte[100], "audio/ogg; codecs=opus", "voice.ogg");

    assertThat(parts(take()).get("type")[2]).isEqualTo("audio/ogg; codecs=opus");
  }

  @Test
  void upload_stickers_staticLimit100k_animatedLimit500k() throws Exception {
    byte[] staticWebp = webp(150 * 1024, false);
    assertThatThrownBy(() -> channel.media().upload(TENANT, Optional.empty(), staticWebp, "image/webp", "s.webp"))
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("static image/webp sticker must be at most 102400 bytes (was 153600)");
    assertNoRequest();

    enqueueJson(200, "{\"id\":\"anim\"}");
    assertThat(channel.media().upload(TENANT, Optional.empty(), webp(150 * 1024, true), "image/webp", "a.webp"))
        .isEqualTo("anim");
  }

  private static byte[] webp(int size, boolean animated) {
    byte[] b = new byte[size];
    System.arraycopy("RIFF".getBytes(StandardCharsets.US_ASCII), 0, b, 0, 4);
    System.arraycopy("WEBP".getBytes(StandardCharsets.US_ASCII), 0, b, 8, 4);
    System.arraycopy("VP8X".getBytes(StandardCharsets.US_ASCII), 0, b, 12, 4);
    b[20] = (byte) (animated ? 0x02 : 0x00);
    return b;
  }

  @Test
  void info_getsMediaWithPhoneNumberId() throws Exception {
    enqueueJson(200, mediaLookup("/lookaside/file", 321L));

    WhatsAppMediaInfo info = channel.media().info(TENANT, Optional.empty(), MEDIA_ID);

    assertRequest("GET", "/v26.0/" + MEDIA_ID + "?phone_number_id=" + PHONE_ID);
    assertThat(info.id()).isEqualTo(MEDIA_ID);
    assertThat(info.url()).isEqualTo(server.url("/lookaside/file").toString());
    assertThat(info.mimeType()).contains("image/jpeg");
    assertThat(info.sha256()).contains("abc123");
    assertThat(info.fileSize()).hasValue(321L);
  }

  @Test
  void download_looksUpUrlThenFetchesWithToken() throws Exception {
    enqueueJson(200, mediaLookup("/lookaside/file?mid=1", 5L));
    enqueueFile("hello".getBytes(StandardCharsets.UTF_8));

    MediaDownload file = channel.media().download(TENANT, Optional.empty(), MEDIA_ID);

    assertThat(file.bytes()).asString(StandardCharsets.UTF_8).isEqualTo("hello");
    assertThat(file.contentType()).contains("image/jpeg");
    assertRequest("GET", "/v26.0/" + MEDIA_ID + "?phone_number_id=" + PHONE_ID);
    assertRequest("GET", "/lookaside/file?mid=1");
  }

  @Test
  void download_404_fetchesFreshUrlAndRetriesOnce() throws Exception {
    enqueueJson(200, mediaLookup("/lookaside/old", null));
    server.enqueue(new MockResponse(404, Headers.of(), "expired"));
    enqueueJson(200, mediaLookup("/lookaside/new", null));
    enqueueFile("fresh".getBytes(StandardCharsets.UTF_8));

    MediaDownload file = channel.media().download(TENANT, Optional.empty(), MEDIA_ID);

    assertThat(new String(file.bytes(), StandardCharsets.UTF_8)).isEqualTo("fresh");
    assertRequest("GET", "/v26.0/" + MEDIA_ID + "?phone_number_id=" + PHONE_ID);
    assertRequest("GET", "/lookaside/old");
    assertRequest("GET", "/v26.0/" + MEDIA_ID + "?phone_number_id=" + PHONE_ID);
    assertRequest("GET", "/lookaside/new");
    assertThat(server.getRequestCount()).isEqualTo(4);
  }

  @Test
  void download_404Twice_givesUpAfterOneRetry() {
    enqueueJson(200, mediaLookup("/lookaside/old", null));
    server.enqueue(new MockResponse(404, Headers.of(), "expired"));
    enqueueJson(200, mediaLookup("/lookaside/new", null));
    server.enqueue(new MockResponse(404, Headers.of(), "expired"));

    assertThatThrownBy(() -> channel.media().download(TENANT, Optional.empty(), MEDIA_ID))
        .isInstanceOfSatisfying(GraphApiException.class, e -> assertThat(e.httpStatus()).isEqualTo(404));
    assertThat(server.getRequestCount()).isEqualTo(4);
  }

  @Test
  void download_overCap_refused() throws Exception {
    enqueueJson(200, mediaLookup("/lookaside/big", null));
    enqueueFile(new byte[1001]);

    assertThatThrownBy(() -> channel.media().download(TENANT, Optional.empty(), MEDIA_ID))
        .isInstanceOf(MediaTooLargeException.class);
  }

  @Test
  void download_declaredSizeOverCap_refusedBeforeFetching() throws Exception {
    enqueueJson(200, mediaLookup("/lookaside/big", 5000L));

    assertThatThrownBy(() -> channel.media().download(TENANT, Optional.empty(), MEDIA_ID))
        .isInstanceOf(MediaTooLargeException.class)
        .hasMessageContaining("1000");
    assertThat(server.getRequestCount()).isEqualTo(1);
  }

  @Test
  void download_exactlyAtCap_accepted() {
    enqueueJson(200, mediaLookup("/lookaside/f", 1000L));
    enqueueFile(new byte[1000]);

    assertThat(channel.media().download(TENANT, Optional.empty(), MEDIA_ID).size()).isEqualTo(1000);
  }

  @Test
  void delete_sendsDeleteWithPhoneNumberId() throws Exception {
    enqueueJson(200, "{\"success\":true}");

    channel.media().delete(TENANT, Optional.of(PHONE_ID), MEDIA_ID);

    assertRequest("DELETE", "/v26.0/" + MEDIA_ID + "?phone_number_id=" + PHONE_ID);
  }

  @Test
  void delete_blankId_rejectedWithoutRequest() {
    assertThatThrownBy(() -> channel.media().delete(TENANT, Optional.empty(), " "))
        .isInstanceOf(ValidationException.class);
    assertNoRequest();
  }
}
