package io.switchboard.testing;

import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.slf4j.Marker;
import org.slf4j.event.Level;
import org.slf4j.helpers.AbstractLogger;
import org.slf4j.helpers.MessageFormatter;

/**
 * Every log line written during the core test run, captured by the test-scope SLF4J provider
 * {@link CapturingSlf4jProvider}, so tests can assert that no secret is ever logged.
 */
public final class CapturedLogs {

  private static final ConcurrentLinkedQueue<String> LINES = new ConcurrentLinkedQueue<>();

  private CapturedLogs() {}

  /** Every captured line so far (level, logger, formatted message and any stack trace). */
  public static List<String> lines() {
    return List.copyOf(LINES);
  }

  /** Joined text of all lines. */
  public static String all() {
    return String.join("\n", LINES);
  }

  static final class CapturingLogger extends AbstractLogger {
    private static final long serialVersionUID = 1L;

    CapturingLogger(String name) {
      this.name = name;
    }

    @Override
    protected String getFullyQualifiedCallerName() {
      return null;
    }

    @Override
    protected void handleNormalizedLoggingCall(
        Level level, Marker marker, String messagePattern, Object[] arguments, Throwable throwable) {
      StringBuilder sb = new StringBuilder()
          .append(level).append(' ').append(name).append(": ")
          .append(MessageFormatter.basicArrayFormat(messagePattern, arguments));
      for (Throwable t = throwable; t != null; t = t.getCause()) {
        sb.append(" | ").append(t);
        for (StackTraceElement e : t.getStackTrace()) {
          sb.append("\n\tat ").append(e);
        }
      }
      LINES.add(sb.toString());
    }

    @Override
    public boolean isTraceEnabled() {
      return true;
    }

    @Override
    public boolean isTraceEnabled(Marker marker) {
      return true;
    }

    @Override
    public boolean isDebugEnabled() {
      return true;
    }

    @Override
    public boolean isDebugEnabled(Marker marker) {
      return true;
    }

    @Override
    public boolean isInfoEnabled() {
      return true;
    }

    @Override
    public boolean isInfoEnabled(Marker marker) {
      return true;
    }

    @Override
    public boolean isWarnEnabled() {
      return true;
    }

    @Override
    public boolean isWarnEnabled(Marker marker) {
      return true;
    }

    @Override
    public boolean isErrorEnabled() {
      return true;
    }

    @Override
    public boolean isErrorEnabled(Marker marker) {
      return true;
    }
  }
}
