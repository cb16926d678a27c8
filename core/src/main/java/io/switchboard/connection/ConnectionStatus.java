package io.switchboard.connection;

/** Whether a connection can be used. */
public enum ConnectionStatus {
  /** Usable: its token works as far as Switchboard knows. */
  CONNECTED,
  /** The channel rejected its token (expired, revoked); the tenant must connect again. */
  NEEDS_REAUTH
}
