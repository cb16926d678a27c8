package io.switchboard.testkit.emulator;

/** Which Meta host a request was sent to. */
public enum GraphHost {
  /** {@code graph.facebook.com}: served at {@link MetaEmulator#baseUrl()}. */
  FACEBOOK,
  /** {@code graph.instagram.com}: served at {@link MetaEmulator#instagramBaseUrl()}. */
  INSTAGRAM,
  /** A media download URL handed out by the media lookup. */
  MEDIA
}
