/** Implementation of the Instagram channel. Not API: may change in any release. */
package io.switchboard.channel.instagram.internal;
