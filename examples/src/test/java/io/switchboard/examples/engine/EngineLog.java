package io.switchboard.examples.engine;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the engine logs while a test runs: slf4j-simple writes to {@code System.err}, which this
 * copies (the real stderr keeps every line too) until {@link #close()}.
 */
final class EngineLog implements AutoCloseable {
  private final PrintStream original;
  private final ByteArrayOutputStream copy = new ByteArrayOutputStream();

  private EngineLog() {
    original = System.err;
    System.setErr(new PrintStream(new TeeStream(original, copy), true, StandardCharsets.UTF_8));
  }

  /** Starts copying; close it to stop. */
  static EngineLog capture() {
    return new EngineLog();
  }

  /** Everything logged so far. */
  String text() {
    return copy.toString(StandardCharsets.UTF_8);
  }

  /** The lines logged so far. */
  List<String> lines() {
    return text().lines().toList();
  }

  /**
   * Waits (with {@link Http#await}'s deadline) for a line that {@code pattern} finds something in.
   *
   * @return the first match, for its groups
   */
  Matcher awaitLine(Pattern pattern) throws InterruptedException {
    Http.await("a log line matching " + pattern, () -> lines().stream().anyMatch(l -> pattern.matcher(l).find()));
    for (String line : lines()) {
      Matcher m = pattern.matcher(line);
      if (m.find()) {
        return m;
      }
    }
    throw new AssertionError("the line matching " + pattern + " is gone");
  }

  @Override
  public void close() {
    System.setErr(original);
  }

  /** Writes to two streams. */
  private static final class TeeStream extends OutputStream {
    private final OutputStream first;
    private final OutputStream second;

    TeeStream(OutputStream first, OutputStream second) {
      this.first = first;
      this.second = second;
    }

    @Override
    public synchronized void write(int b) throws IOException {
      first.write(b);
      second.write(b);
    }

    @Override
    public synchronized void write(byte[] b, int off, int len) throws IOException {
      first.write(b, off, len);
      second.write(b, off, len);
    }
  }
}
