package io.switchboard.event;

import java.util.Objects;
import java.util.Optional;

/**
 * The ad, link or post that led the customer to write: WhatsApp click-to-WhatsApp ads, Messenger
 * and Instagram {@code m.me} links, ads and chat plugins.
 *
 * @param sourceUrl the ad or post URL
 * @param sourceId the ad or post id
 * @param sourceType {@code ad} or {@code post}
 * @param headline the ad headline
 * @param body the ad body
 * @param mediaType {@code image} or {@code video}
 * @param mediaUrl the ad's image or video URL
 * @param thumbnailUrl the video thumbnail URL
 * @param clickId the click id ({@code ctwa_clid})
 * @param ref the {@code ref} parameter of a Messenger or Instagram link, if any
 */
public record Referral(
    Optional<String> sourceUrl,
    Optional<String> sourceId,
    Optional<String> sourceType,
    Optional<String> headline,
    Optional<String> body,
    Optional<String> mediaType,
    Optional<String> mediaUrl,
    Optional<String> thumbnailUrl,
    Optional<String> clickId,
    Optional<String> ref) {

  /** Checks no component is null. */
  public Referral {
    Objects.requireNonNull(sourceUrl, "sourceUrl");
    Objects.requireNonNull(sourceId, "sourceId");
    Objects.requireNonNull(sourceType, "sourceType");
    Objects.requireNonNull(headline, "headline");
    Objects.requireNonNull(body, "body");
    Objects.requireNonNull(mediaType, "mediaType");
    Objects.requireNonNull(mediaUrl, "mediaUrl");
    Objects.requireNonNull(thumbnailUrl, "thumbnailUrl");
    Objects.requireNonNull(clickId, "clickId");
    Objects.requireNonNull(ref, "ref");
  }

  /**
   * A referral without {@code ref} (WhatsApp).
   *
   * @param sourceUrl ad or post URL
   * @param sourceId ad or post id
   * @param sourceType {@code ad} or {@code post}
   * @param headline ad headline
   * @param body ad body
   * @param mediaType image or video
   * @param mediaUrl media URL
   * @param thumbnailUrl thumbnail URL
   * @param clickId click id
   */
  public Referral(
      Optional<String> sourceUrl,
      Optional<String> sourceId,
      Optional<String> sourceType,
      Optional<String> headline,
      Optional<String> body,
      Optional<String> mediaType,
      Optional<String> mediaUrl,
      Optional<String> thumbnailUrl,
      Optional<String> clickId) {
    this(sourceUrl, sourceId, sourceType, headline, body, mediaType, mediaUrl, thumbnailUrl, clickId, Optional.empty());
  }
}
