package io.switchboard.message;

import java.net.URI;
import java.util.Objects;

/**
 * Where the channel fetches a media file from: an id returned by an earlier upload, or a public
 * HTTPS link the channel downloads itself.
 */
public sealed interface MediaSource {

  /**
   * Media previously uploaded to the channel (WhatsApp media ids live 30 days).
   *
   * @param id the channel's media id
   * @return the source
   */
  static MediaSource id(String id) {
    return new UploadedId(id);
  }

  /**
   * Media the channel downloads from a public URL.
   *
   * @param url an absolute http or https URL
   * @return the source
   */
  static MediaSource link(String url) {
    return new Link(URI.create(url));
  }

  /**
   * Media uploaded earlier, referenced by the channel's id.
   *
   * @param id the media id
   */
  record UploadedId(String id) implements MediaSource {
    /** Checks the id is present. */
    public UploadedId {
      Objects.requireNonNull(id, "media id");
      if (id.isBlank()) {
        throw new IllegalArgumentException("media id must not be blank");
      }
    }
  }

  /**
   * Media at a public URL.
   *
   * @param url absolute http(s) URL
   */
  record Link(URI url) implements MediaSource {
    /** Checks the URL is absolute http or https. */
    public Link {
      Objects.requireNonNull(url, "media url");
      String scheme = url.getScheme();
      if (scheme == null || !(scheme.equalsIgnoreCase("https") || scheme.equalsIgnoreCase("http"))) {
        throw new IllegalArgumentException("media link must be an absolute http(s) URL, got " + url);
      }
    }
  }
}
