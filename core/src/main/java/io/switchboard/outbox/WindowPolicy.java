package io.switchboard.outbox;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * The messaging-window rules Switchboard enforces before queueing a message, from the time the
 * contact last wrote to the sending account:
 *
 * <ul>
 *   <li>WhatsApp: outside the 24-hour customer service window only approved templates may be sent.
 *       A free-form message is refused with a {@link io.switchboard.PolicyViolationException}, or, if
 *       a fallback template is configured, replaced by it (a text message's body becomes the
 *       template's single body parameter).
 *   <li>Messenger and Instagram: after 24 hours only messages marked
 *       {@link io.switchboard.message.MessagingType#HUMAN_AGENT} (written by a person) may be sent,
 *       and only up to 7 days after the contact's last message.
 * </ul>
 *
 * @param enforced whether the rules apply (turn off only if the host enforces them itself)
 * @param standardWindow the customer service window, 24 hours
 * @param humanAgentWindow the human agent window, 7 days
 * @param whatsAppFallbackTemplate the approved template that replaces a free-form WhatsApp message
 *     outside the window, if any
 * @param whatsAppFallbackLanguage that template's language
 */
public record WindowPolicy(
    boolean enforced,
    Duration standardWindow,
    Duration humanAgentWindow,
    Optional<String> whatsAppFallbackTemplate,
    Optional<String> whatsAppFallbackLanguage) {

  /** Checks the values. */
  public WindowPolicy {
    Objects.requireNonNull(standardWindow, "standardWindow");
    Objects.requireNonNull(humanAgentWindow, "humanAgentWindow");
    Objects.requireNonNull(whatsAppFallbackTemplate, "whatsAppFallbackTemplate");
    Objects.requireNonNull(whatsAppFallbackLanguage, "whatsAppFallbackLanguage");
    if (whatsAppFallbackTemplate.isPresent() != whatsAppFallbackLanguage.isPresent()) {
      throw new IllegalArgumentException("a fallback template needs both a name and a language");
    }
  }

  /**
   * Meta's rules: 24 hours, 7 days for human agents, no fallback template.
   *
   * @return the policy
   */
  public static WindowPolicy standard() {
    return new WindowPolicy(true, Duration.ofHours(24), Duration.ofDays(7), Optional.empty(), Optional.empty());
  }

  /**
   * No window checks (the host enforces them itself).
   *
   * @return the policy
   */
  public static WindowPolicy notEnforced() {
    return new WindowPolicy(false, Duration.ofHours(24), Duration.ofDays(7), Optional.empty(), Optional.empty());
  }

  /**
   * A copy that replaces out-of-window free-form WhatsApp messages with an approved template.
   *
   * @param templateName the template
   * @param languageCode its language, such as {@code en_US}
   * @return the policy
   */
  public WindowPolicy withWhatsAppFallbackTemplate(String templateName, String languageCode) {
    return new WindowPolicy(enforced, standardWindow, humanAgentWindow, Optional.of(templateName),
        Optional.of(languageCode));
  }
}
