package io.switchboard.channel.instagram.internal;

import io.switchboard.ValidationException;
import io.switchboard.ValidationException.Violation;
import io.switchboard.connection.ChannelConnection;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Which of Meta's two Instagram setups a connection uses, and the Graph node calls go to: the
 * linked Page for Facebook Login, the Instagram account itself for Instagram Login. Read from the
 * connection's {@code login} and {@code page_id} attributes.
 *
 * @param login the setup
 * @param nodeId the Graph node that owns {@code /messages} and {@code /subscribed_apps}
 */
public record IgRoute(Login login, String nodeId) {

  /** Connection attribute naming the setup. */
  public static final String LOGIN = "login";
  /** Connection attribute holding the linked Page id (Facebook Login only). */
  public static final String PAGE_ID = "page_id";

  /** Graph ids travel as one path segment: letters, digits, underscore and dash only. */
  private static final Pattern GRAPH_ID = Pattern.compile("[0-9A-Za-z_-]+");

  /** The two setups. */
  public enum Login {
    /** Instagram API with Facebook Login for Business: graph.facebook.com, Page token. */
    FACEBOOK("facebook"),
    /** Instagram API with Instagram Login: graph.instagram.com, Instagram user token. */
    INSTAGRAM("instagram");

    private final String value;

    Login(String value) {
      this.value = value;
    }

    /**
     * The attribute value.
     *
     * @return {@code facebook} or {@code instagram}
     */
    public String value() {
      return value;
    }
  }

  /** Checks required fields. */
  public IgRoute {
    Objects.requireNonNull(login, "login");
    Objects.requireNonNull(nodeId, "nodeId");
  }

  /**
   * Whether a value can be used as one Graph path segment.
   *
   * @param id the value
   * @return true for a plain id
   */
  public static boolean isGraphId(String id) {
    return id != null && GRAPH_ID.matcher(id).matches();
  }

  /**
   * Every problem with a connection's attributes.
   *
   * @param connection the connection
   * @return the problems, empty if it can be routed
   */
  public static List<Violation> problems(ChannelConnection connection) {
    List<Violation> problems = new ArrayList<>(2);
    String login = connection.attribute(LOGIN).orElse(null);
    if (login == null) {
      problems.add(new Violation("attributes." + LOGIN,
          "connection attribute is required: \"facebook\" or \"instagram\" (which setup the account was connected with)"));
    } else if (Login.FACEBOOK.value.equals(login)) {
      String page = connection.attribute(PAGE_ID).orElse(null);
      if (page == null) {
        problems.add(new Violation("attributes." + PAGE_ID,
            "connection attribute is required with login=facebook (the Page linked to the Instagram account)"));
      } else if (!isGraphId(page)) {
        problems.add(new Violation("attributes." + PAGE_ID, "must be a Graph id (was '" + page + "')"));
      }
    } else if (!Login.INSTAGRAM.value.equals(login)) {
      problems.add(new Violation("attributes." + LOGIN, "must be \"facebook\" or \"instagram\" (was '" + login + "')"));
    }
    if (!isGraphId(connection.accountId())) {
      problems.add(new Violation("accountId", "must be a Graph id (was '" + connection.accountId() + "')"));
    }
    return problems;
  }

  /**
   * The route of a connection.
   *
   * @param connection the connection
   * @return its route
   * @throws ValidationException if an attribute is missing or invalid, naming it
   */
  public static IgRoute of(ChannelConnection connection) {
    List<Violation> problems = problems(connection);
    if (!problems.isEmpty()) {
      throw new ValidationException(problems);
    }
    return Login.FACEBOOK.value.equals(connection.attribute(LOGIN).orElseThrow())
        ? new IgRoute(Login.FACEBOOK, connection.attribute(PAGE_ID).orElseThrow())
        : new IgRoute(Login.INSTAGRAM, connection.accountId());
  }
}
