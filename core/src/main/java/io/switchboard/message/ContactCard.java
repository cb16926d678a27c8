package io.switchboard.message;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One contact card (vCard-like), used both when sending contacts and when a customer shares them.
 *
 * @param formattedName the full name as displayed; required
 * @param firstName optional given name
 * @param lastName optional family name
 * @param phones phone numbers
 * @param emails e-mail addresses
 * @param urls web sites
 * @param addresses postal addresses
 * @param organization optional company
 * @param birthday optional birthday
 */
public record ContactCard(
    String formattedName,
    Optional<String> firstName,
    Optional<String> lastName,
    List<Phone> phones,
    List<Email> emails,
    List<Url> urls,
    List<Address> addresses,
    Optional<Organization> organization,
    Optional<LocalDate> birthday) {

  /** Copies the lists and checks required fields. */
  public ContactCard {
    Objects.requireNonNull(formattedName, "formattedName");
    Objects.requireNonNull(firstName, "firstName");
    Objects.requireNonNull(lastName, "lastName");
    phones = List.copyOf(phones);
    emails = List.copyOf(emails);
    urls = List.copyOf(urls);
    addresses = List.copyOf(addresses);
    Objects.requireNonNull(organization, "organization");
    Objects.requireNonNull(birthday, "birthday");
  }

  /**
   * Starts a card with the displayed name.
   *
   * @param formattedName full name as displayed
   * @return a builder
   */
  public static Builder builder(String formattedName) {
    return new Builder(formattedName);
  }

  /**
   * A phone number.
   *
   * @param phone the number as written, ideally E.164 with {@code +}
   * @param type optional label such as {@code CELL}, {@code WORK}, {@code HOME}
   * @param waId optional WhatsApp id of the number
   */
  public record Phone(String phone, Optional<String> type, Optional<String> waId) {
    /** Checks required fields. */
    public Phone {
      Objects.requireNonNull(phone, "phone");
      Objects.requireNonNull(type, "type");
      Objects.requireNonNull(waId, "waId");
    }
  }

  /**
   * An e-mail address.
   *
   * @param email the address
   * @param type optional label such as {@code WORK}
   */
  public record Email(String email, Optional<String> type) {
    /** Checks required fields. */
    public Email {
      Objects.requireNonNull(email, "email");
      Objects.requireNonNull(type, "type");
    }
  }

  /**
   * A web site.
   *
   * @param url the address
   * @param type optional label such as {@code WORK}
   */
  public record Url(String url, Optional<String> type) {
    /** Checks required fields. */
    public Url {
      Objects.requireNonNull(url, "url");
      Objects.requireNonNull(type, "type");
    }
  }

  /**
   * A postal address; every part is optional.
   *
   * @param street street and number
   * @param city city
   * @param state state or region
   * @param zip postal code
   * @param country country name
   * @param countryCode ISO country code
   * @param type label such as {@code HOME}
   */
  public record Address(
      Optional<String> street,
      Optional<String> city,
      Optional<String> state,
      Optional<String> zip,
      Optional<String> country,
      Optional<String> countryCode,
      Optional<String> type) {
    /** Checks no component is null. */
    public Address {
      Objects.requireNonNull(street, "street");
      Objects.requireNonNull(city, "city");
      Objects.requireNonNull(state, "state");
      Objects.requireNonNull(zip, "zip");
      Objects.requireNonNull(country, "country");
      Objects.requireNonNull(countryCode, "countryCode");
      Objects.requireNonNull(type, "type");
    }
  }

  /**
   * An employer.
   *
   * @param company company name
   * @param department optional department
   * @param title optional job title
   */
  public record Organization(Optional<String> company, Optional<String> department, Optional<String> title) {
    /** Checks no component is null. */
    public Organization {
      Objects.requireNonNull(company, "company");
      Objects.requireNonNull(department, "department");
      Objects.requireNonNull(title, "title");
    }
  }

  /** Builds a {@link ContactCard}. Not thread-safe. */
  public static final class Builder {
    private final String formattedName;
    private String firstName;
    private String lastName;
    private final List<Phone> phones = new ArrayList<>();
    private final List<Email> emails = new ArrayList<>();
    private final List<Url> urls = new ArrayList<>();
    private final List<Address> addresses = new ArrayList<>();
    private Organization organization;
    private LocalDate birthday;

    private Builder(String formattedName) {
      this.formattedName = formattedName;
    }

    /**
     * Sets the given name.
     *
     * @param firstName given name
     * @return this builder
     */
    public Builder firstName(String firstName) {
      this.firstName = firstName;
      return this;
    }

    /**
     * Sets the family name.
     *
     * @param lastName family name
     * @return this builder
     */
    public Builder lastName(String lastName) {
      this.lastName = lastName;
      return this;
    }

    /**
     * Adds a phone number.
     *
     * @param phone the number
     * @param type label such as {@code CELL}, or null
     * @return this builder
     */
    public Builder addPhone(String phone, String type) {
      phones.add(new Phone(phone, Optional.ofNullable(type), Optional.empty()));
      return this;
    }

    /**
     * Adds a phone number with its WhatsApp id.
     *
     * @param phone the number
     * @param type label, or null
     * @param waId WhatsApp id, or null
     * @return this builder
     */
    public Builder addPhone(String phone, String type, String waId) {
      phones.add(new Phone(phone, Optional.ofNullable(type), Optional.ofNullable(waId)));
      return this;
    }

    /**
     * Adds an e-mail address.
     *
     * @param email the address
     * @param type label, or null
     * @return this builder
     */
    public Builder addEmail(String email, String type) {
      emails.add(new Email(email, Optional.ofNullable(type)));
      return this;
    }

    /**
     * Adds a web site.
     *
     * @param url the address
     * @param type label, or null
     * @return this builder
     */
    public Builder addUrl(String url, String type) {
      urls.add(new Url(url, Optional.ofNullable(type)));
      return this;
    }

    /**
     * Adds a postal address.
     *
     * @param address the address
     * @return this builder
     */
    public Builder addAddress(Address address) {
      addresses.add(address);
      return this;
    }

    /**
     * Sets the employer.
     *
     * @param organization the organization
     * @return this builder
     */
    public Builder organization(Organization organization) {
      this.organization = organization;
      return this;
    }

    /**
     * Sets the birthday.
     *
     * @param birthday the date
     * @return this builder
     */
    public Builder birthday(LocalDate birthday) {
      this.birthday = birthday;
      return this;
    }

    /**
     * Builds the card.
     *
     * @return the card
     */
    public ContactCard build() {
      return new ContactCard(
          formattedName,
          Optional.ofNullable(firstName),
          Optional.ofNullable(lastName),
          phones,
          emails,
          urls,
          addresses,
          Optional.ofNullable(organization),
          Optional.ofNullable(birthday));
    }
  }
}
