package io.switchboard.store.jdbc;

import io.switchboard.StoreException;

/**
 * The schema could not be migrated, or the database holds a schema this library does not
 * recognise (a shipped script's checksum differs from the one recorded when it was applied). Not
 * retryable: it needs a person to look.
 */
public class SchemaMigrationException extends StoreException {

  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param problem what is wrong, naming the script version
   */
  public SchemaMigrationException(String problem) {
    super("schema.migrate", new IllegalStateException(problem), false);
  }

  /**
   * Creates the exception for a failed database call.
   *
   * @param problem what was being done
   * @param cause the failure
   */
  public SchemaMigrationException(String problem, Throwable cause) {
    super("schema.migrate", new IllegalStateException(problem + ": " + cause.getMessage(), cause), false);
  }
}
