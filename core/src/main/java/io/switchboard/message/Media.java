package io.switchboard.message;

import java.util.Objects;
import java.util.Optional;

/**
 * An image, video, audio file, document or sticker.
 *
 * <p>Captions apply to images, videos and documents; filenames to documents. A channel rejects a
 * caption or filename on a kind that cannot carry one rather than silently dropping it.
 *
 * @param kind what sort of media
 * @param source an uploaded media id or a public link
 * @param caption optional caption (WhatsApp: up to 1024 characters)
 * @param filename optional file name shown for documents
 */
public record Media(MediaKind kind, MediaSource source, Optional<String> caption, Optional<String> filename)
    implements MessageContent {

  /** Checks required fields. */
  public Media {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(caption, "caption");
    Objects.requireNonNull(filename, "filename");
  }

  /**
   * An image without caption.
   *
   * @param source where the image is
   * @return the content
   */
  public static Media image(MediaSource source) {
    return of(MediaKind.IMAGE, source);
  }

  /**
   * A video without caption.
   *
   * @param source where the video is
   * @return the content
   */
  public static Media video(MediaSource source) {
    return of(MediaKind.VIDEO, source);
  }

  /**
   * An audio file.
   *
   * @param source where the audio is
   * @return the content
   */
  public static Media audio(MediaSource source) {
    return of(MediaKind.AUDIO, source);
  }

  /**
   * A document without caption or file name.
   *
   * @param source where the document is
   * @return the content
   */
  public static Media document(MediaSource source) {
    return of(MediaKind.DOCUMENT, source);
  }

  /**
   * A sticker.
   *
   * @param source where the sticker is
   * @return the content
   */
  public static Media sticker(MediaSource source) {
    return of(MediaKind.STICKER, source);
  }

  /**
   * Media of the given kind without caption or file name.
   *
   * @param kind the media kind
   * @param source where the media is
   * @return the content
   */
  public static Media of(MediaKind kind, MediaSource source) {
    return new Media(kind, source, Optional.empty(), Optional.empty());
  }

  /**
   * A copy with the given caption.
   *
   * @param caption the caption
   * @return a new value
   */
  public Media withCaption(String caption) {
    return new Media(kind, source, Optional.of(caption), filename);
  }

  /**
   * A copy with the given file name.
   *
   * @param filename the file name, such as {@code invoice.pdf}
   * @return a new value
   */
  public Media withFilename(String filename) {
    return new Media(kind, source, caption, Optional.of(filename));
  }
}
