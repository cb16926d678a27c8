package io.switchboard;

/**
 * A send was refused by a messaging policy before any network call: outside the 24-hour customer
 * service window, a Messenger/Instagram reply after the window without the human-agent marking,
 * or a bulk recipient without consent. Not retryable as is: send an approved template, mark the
 * message as written by a person, or obtain consent.
 */
public class PolicyViolationException extends SwitchboardException {

  private static final long serialVersionUID = 1L;

  private final String rule;

  /**
   * Creates the exception.
   *
   * @param rule a stable name of the rule, such as {@code whatsapp.customer_service_window}
   * @param message what was refused and what to do instead
   */
  public PolicyViolationException(String rule, String message) {
    super(message);
    this.rule = rule;
  }

  /**
   * The rule that refused the send.
   *
   * @return such as {@code whatsapp.customer_service_window}, {@code messaging_window},
   *     {@code human_agent_window}
   */
  public String rule() {
    return rule;
  }
}
