/**
 * The Instagram channel: direct messages of a tenant's Instagram professional account, through
 * either of Meta's two setups (Instagram API with Facebook Login, or with Instagram Login).
 *
 * <p>Entry point: {@link io.switchboard.channel.instagram.InstagramChannel}. Everything under
 * {@code internal} is not API and may change without notice.
 */
package io.switchboard.channel.instagram;
