/** The Instagram channel. */
package io.switchboard.channel.instagram;
