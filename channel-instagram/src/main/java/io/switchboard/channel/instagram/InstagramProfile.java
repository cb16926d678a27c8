package io.switchboard.channel.instagram;

import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * What Instagram tells a business about a customer who has messaged it. Every field but the id
 * is optional: Meta leaves out what the customer's settings hide. {@code profilePicUrl} expires
 * within days; do not store it. Immutable.
 *
 * @param igsid the customer's Instagram-scoped id
 * @param name the display name
 * @param username the Instagram username
 * @param profilePicUrl the profile picture URL (expires)
 * @param followerCount how many followers the customer has
 * @param isUserFollowBusiness whether the customer follows the business
 * @param isBusinessFollowUser whether the business follows the customer
 * @param isVerifiedUser whether the customer's account is verified
 */
public record InstagramProfile(
    String igsid,
    Optional<String> name,
    Optional<String> username,
    Optional<String> profilePicUrl,
    OptionalLong followerCount,
    Optional<Boolean> isUserFollowBusiness,
    Optional<Boolean> isBusinessFollowUser,
    Optional<Boolean> isVerifiedUser) {

  /** Checks no component is null. */
  public InstagramProfile {
    Objects.requireNonNull(igsid, "igsid");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(username, "username");
    Objects.requireNonNull(profilePicUrl, "profilePicUrl");
    Objects.requireNonNull(followerCount, "followerCount");
    Objects.requireNonNull(isUserFollowBusiness, "isUserFollowBusiness");
    Objects.requireNonNull(isBusinessFollowUser, "isBusinessFollowUser");
    Objects.requireNonNull(isVerifiedUser, "isVerifiedUser");
  }
}
