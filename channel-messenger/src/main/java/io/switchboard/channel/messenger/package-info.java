/** The Messenger channel. */
package io.switchboard.channel.messenger;
