package io.switchboard.examples.engine;

import java.util.ArrayDeque;
import java.util.Deque;

/** What a test started (servers, receivers), closed newest first when the test ends. */
final class Closer implements AutoCloseable {
  private final Deque<AutoCloseable> open = new ArrayDeque<>();

  <T extends AutoCloseable> T add(T resource) {
    open.push(resource);
    return resource;
  }

  /** Closes one now (such as an engine before its restart) instead of at the end. */
  void closeNow(AutoCloseable resource) throws Exception {
    open.remove(resource);
    resource.close();
  }

  /** Closes everything, even when one close fails (the first failure is thrown, the rest suppressed). */
  @Override
  public void close() throws Exception {
    Exception failure = null;
    while (!open.isEmpty()) {
      try {
        open.pop().close();
      } catch (Exception e) {
        if (failure == null) {
          failure = e;
        } else {
          failure.addSuppressed(e);
        }
      }
    }
    if (failure != null) {
      throw failure;
    }
  }
}
