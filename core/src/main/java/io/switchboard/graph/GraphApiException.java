package io.switchboard.graph;

import io.switchboard.SwitchboardException;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/**
 * Meta's Graph API answered with an error. Carries Meta's {@code code}, {@code error_subcode},
 * {@code type}, {@code fbtrace_id} and the HTTP status, and classifies the error:
 * {@link #retryable()} follows Meta's error-code table (throttling and temporary outages are
 * retryable; bad parameters, policy and permission errors, and expired tokens are not).
 *
 * <p>Logic should branch on {@link #code()}, never on the message text, which Meta changes.
 */
public class GraphApiException extends SwitchboardException {

  private static final long serialVersionUID = 1L;

  /** Codes that mean "slow down or wait, then the same call may succeed". */
  private static final Set<Integer> THROTTLING =
      Set.of(4, 17, 32, 341, 613, 80001, 80002, 80003, 80004, 80005, 80006, 80007, 80008, 80009, 80014,
          130429, 131056, 131057);

  /** Codes for temporary failures on Meta's side. */
  private static final Set<Integer> TEMPORARY = Set.of(1, 2, 131000, 131016, 133004);

  /** Codes that repeat the same answer until something changes. */
  private static final Set<Integer> PERMANENT =
      Set.of(0, 10, 100, 102, 190, 368, 130472, 131026, 131031, 131047, 131048, 131049, 131050, 131051,
          131052, 131053, 132000, 132001, 132005, 132007, 132012, 132015, 132016);

  private final int httpStatus;
  private final Integer code;
  private final Integer subcode;
  private final String type;
  private final String fbtraceId;
  private final String details;
  private final Duration retryAfter;

  /**
   * Creates the exception.
   *
   * @param httpStatus the HTTP status
   * @param code Meta's error code, or null if the body had none
   * @param subcode Meta's error subcode, or null
   * @param type Meta's error type, such as {@code OAuthException}, or null
   * @param message Meta's message (or a description of the HTTP failure)
   * @param details {@code error_data.details}, or null
   * @param fbtraceId Meta's trace id, or null
   * @param retryAfter how long Meta asked to wait ({@code Retry-After} or business-use-case
   *     headers), or null
   */
  public GraphApiException(
      int httpStatus,
      Integer code,
      Integer subcode,
      String type,
      String message,
      String details,
      String fbtraceId,
      Duration retryAfter) {
    super(describe(httpStatus, code, subcode, message, fbtraceId));
    this.httpStatus = httpStatus;
    this.code = code;
    this.subcode = subcode;
    this.type = type;
    this.fbtraceId = fbtraceId;
    this.details = details;
    this.retryAfter = retryAfter;
  }

  private static String describe(int status, Integer code, Integer subcode, String message, String trace) {
    StringBuilder sb = new StringBuilder("Graph API error: HTTP ").append(status);
    if (code != null) {
      sb.append(", code ").append(code);
    }
    if (subcode != null) {
      sb.append("/").append(subcode);
    }
    if (message != null && !message.isBlank()) {
      sb.append(": ").append(message);
    }
    if (trace != null) {
      sb.append(" (fbtrace_id ").append(trace).append(")");
    }
    return sb.toString();
  }

  /**
   * The HTTP status of the answer.
   *
   * @return the status
   */
  public int httpStatus() {
    return httpStatus;
  }

  /**
   * Meta's error code.
   *
   * @return the code, or empty if the answer had no Graph error body
   */
  public OptionalInt code() {
    return code == null ? OptionalInt.empty() : OptionalInt.of(code);
  }

  /**
   * Meta's error subcode (for example 463 for an expired token under code 190).
   *
   * @return the subcode, if present
   */
  public OptionalInt subcode() {
    return subcode == null ? OptionalInt.empty() : OptionalInt.of(subcode);
  }

  /**
   * Meta's error type, such as {@code OAuthException}.
   *
   * @return the type, if present
   */
  public Optional<String> type() {
    return Optional.ofNullable(type);
  }

  /**
   * Meta's trace id, useful in support requests.
   *
   * @return the id, if present
   */
  public Optional<String> fbtraceId() {
    return Optional.ofNullable(fbtraceId);
  }

  /**
   * {@code error_data.details}: the most specific explanation Meta gives.
   *
   * @return the details, if present
   */
  public Optional<String> details() {
    return Optional.ofNullable(details);
  }

  /**
   * How long Meta asked the caller to wait before retrying, if it said.
   *
   * @return the wait
   */
  public Optional<Duration> retryAfter() {
    return Optional.ofNullable(retryAfter);
  }

  /**
   * Whether this is a rate or throughput limit (codes 4, 17, 32, 341, 613, 800xx, 130429, 131056,
   * 131057, or HTTP 429).
   *
   * @return true if the caller should slow down
   */
  public boolean isThrottling() {
    return (code != null && THROTTLING.contains(code)) || (code == null && httpStatus == 429);
  }

  /**
   * Whether the access token is invalid or expired (code 190, or 102): the connection must be
   * authorised again.
   *
   * @return true for token errors
   */
  public boolean isAuthError() {
    return code != null && (code == 190 || code == 102);
  }

  /**
   * Whether the same call may succeed later: throttling, Meta's temporary errors, and HTTP 5xx
   * without a known permanent code.
   *
   * @return true if retrying later makes sense
   */
  @Override
  public boolean retryable() {
    if (code != null) {
      if (THROTTLING.contains(code) || TEMPORARY.contains(code)) {
        return true;
      }
      if (PERMANENT.contains(code) || (code >= 200 && code <= 299)) {
        return false;
      }
    }
    return httpStatus >= 500 || httpStatus == 429;
  }
}
