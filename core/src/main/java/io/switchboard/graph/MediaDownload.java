package io.switchboard.graph;

import java.util.Objects;
import java.util.Optional;

/**
 * A file downloaded from a channel.
 *
 * @param bytes the content
 * @param contentType the {@code Content-Type} the server sent, if any
 */
public record MediaDownload(byte[] bytes, Optional<String> contentType) {

  /** Copies the bytes. */
  public MediaDownload {
    bytes = bytes.clone();
    Objects.requireNonNull(contentType, "contentType");
  }

  /**
   * The content.
   *
   * @return a copy of the bytes
   */
  @Override
  public byte[] bytes() {
    return bytes.clone();
  }

  /**
   * The size.
   *
   * @return number of bytes
   */
  public int size() {
    return bytes.length;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof MediaDownload m && java.util.Arrays.equals(bytes, m.bytes) && contentType.equals(m.contentType);
  }

  @Override
  public int hashCode() {
    return java.util.Arrays.hashCode(bytes);
  }

  @Override
  public String toString() {
    return "MediaDownload[bytes=" + bytes.length + ", contentType=" + contentType.orElse("?") + "]";
  }
}
