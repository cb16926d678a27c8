package io.switchboard.channel.whatsapp;

import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Filters for {@link WhatsAppTemplates#list}. Immutable; build with {@link #builder()} or use
 * {@link #all()}.
 *
 * @param name only templates whose name matches (Meta's {@code name} filter)
 * @param status only templates with this status, such as {@code APPROVED}
 * @param limit the most templates to return; also used as Meta's page size
 */
public record TemplateQuery(Optional<String> name, Optional<String> status, OptionalInt limit) {

  /** Checks the values. */
  public TemplateQuery {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(limit, "limit");
    if (limit.isPresent() && limit.getAsInt() <= 0) {
      throw new IllegalArgumentException("limit must be positive, got " + limit.getAsInt());
    }
  }

  /**
   * Every template of the account.
   *
   * @return a query without filters
   */
  public static TemplateQuery all() {
    return new TemplateQuery(Optional.empty(), Optional.empty(), OptionalInt.empty());
  }

  /**
   * Starts a query.
   *
   * @return a builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /** Builds a {@link TemplateQuery}. Not thread-safe. */
  public static final class Builder {
    private String name;
    private String status;
    private Integer limit;

    private Builder() {}

    /**
     * Filters by name.
     *
     * @param name the template name
     * @return this builder
     */
    public Builder name(String name) {
      this.name = name;
      return this;
    }

    /**
     * Filters by status.
     *
     * @param status such as {@code APPROVED}
     * @return this builder
     */
    public Builder status(String status) {
      this.status = status;
      return this;
    }

    /**
     * Caps the number of templates returned.
     *
     * @param limit positive maximum
     * @return this builder
     */
    public Builder limit(int limit) {
      this.limit = limit;
      return this;
    }

    /**
     * Builds the query.
     *
     * @return the query
     */
    public TemplateQuery build() {
      return new TemplateQuery(
          Optional.ofNullable(name),
          Optional.ofNullable(status),
          limit == null ? OptionalInt.empty() : OptionalInt.of(limit));
    }
  }
}
