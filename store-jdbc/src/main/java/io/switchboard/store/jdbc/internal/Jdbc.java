package io.switchboard.store.jdbc.internal;

import io.switchboard.StoreException;
import io.switchboard.SwitchboardException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import javax.sql.DataSource;

/**
 * Runs units of work on the host's {@link DataSource}: one connection per call, one transaction per
 * unit (a unit of a single statement may run in auto-commit mode instead, saving the round trip of
 * a separate {@code COMMIT}), the connection's auto-commit restored before it goes back to the pool, every
 * {@link SQLException} reported as a {@link StoreException} naming the operation. Deadlocks and
 * serialization failures are retried up to 8 times with a short random back-off (the whole unit
 * was rolled back, so it is safe; MySQL's gap locks make deadlocks routine under contention).
 */
public final class Jdbc {

  private static final int MAX_ATTEMPTS = 8;

  private final DataSource dataSource;

  /**
   * Creates the runner.
   *
   * @param dataSource the host's data source
   */
  public Jdbc(DataSource dataSource) {
    this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
  }

  /** Work on a connection inside a transaction. */
  @FunctionalInterface
  public interface Work<T> {
    /**
     * Does the work.
     *
     * @param connection a connection with auto-commit off
     * @return the result
     * @throws SQLException on failure; the transaction is rolled back
     */
    T run(Connection connection) throws SQLException;
  }

  /**
   * Thrown by a unit of work to have it rolled back and run again (for example after losing an
   * insert race that the next attempt resolves).
   */
  public static final class RetryException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates it.
     *
     * @param cause why
     */
    public RetryException(SQLException cause) {
      super(cause.getMessage(), cause, false, false);
    }
  }

  /**
   * The data source.
   *
   * @return it
   */
  public DataSource dataSource() {
    return dataSource;
  }

  /**
   * Runs {@code work} in one transaction, committing on success and rolling back on failure.
   *
   * @param operation the name reported on failure, such as {@code inbox.append}
   * @param work the work
   * @param <T> the result type
   * @return what the work returned
   * @throws StoreException on any database failure
   */
  public <T> T inTransaction(String operation, Work<T> work) {
    return run(operation, work, false);
  }

  /**
   * Runs {@code work}, which must issue exactly one statement, in auto-commit mode: the statement
   * is its own transaction (atomic and, once it returns, committed, on every supported database)
   * without the separate {@code COMMIT} round trip of {@link #inTransaction}. Failures are retried
   * and reported as there.
   *
   * @param operation the name reported on failure, such as {@code window.recordInbound}
   * @param work the work: one statement
   * @param <T> the result type
   * @return what the work returned
   * @throws StoreException on any database failure
   */
  public <T> T singleStatement(String operation, Work<T> work) {
    return run(operation, work, true);
  }

  private <T> T run(String operation, Work<T> work, boolean singleStatement) {
    for (int attempt = 1; ; attempt++) {
      try {
        return singleStatement ? runAutoCommitted(work) : runOnce(work);
      } catch (RetryException e) {
        if (attempt >= MAX_ATTEMPTS) {
          throw failure(operation, (SQLException) e.getCause());
        }
        backOff(operation, attempt, (SQLException) e.getCause());
      } catch (SQLException e) {
        if (!isTransient(e) || attempt >= MAX_ATTEMPTS) {
          throw failure(operation, e);
        }
        backOff(operation, attempt, e);
      } catch (SwitchboardException e) {
        throw e;
      } catch (RuntimeException e) {
        throw new StoreException(operation, e, false);
      }
    }
  }

  private static void backOff(String operation, int attempt, SQLException cause) {
    if (attempt == 1) {
      return; // the first retry is immediate: the competing transaction has usually finished
    }
    try {
      Thread.sleep(ThreadLocalRandom.current().nextLong(1, 5L << attempt));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw failure(operation, cause);
    }
  }

  private <T> T runOnce(Work<T> work) throws SQLException {
    try (Connection c = dataSource.getConnection()) {
      boolean autoCommit = c.getAutoCommit();
      if (autoCommit) {
        c.setAutoCommit(false);
      }
      try {
        T result = work.run(c);
        c.commit();
        return result;
      } catch (SQLException | RuntimeException | Error e) {
        try {
          c.rollback();
        } catch (SQLException rollbackFailure) {
          e.addSuppressed(rollbackFailure);
        }
        throw e;
      } finally {
        if (autoCommit) {
          try {
            c.setAutoCommit(true);
          } catch (SQLException ignored) {
            // the connection is broken; the pool will discard it
          }
        }
      }
    }
  }

  private <T> T runAutoCommitted(Work<T> work) throws SQLException {
    try (Connection c = dataSource.getConnection()) {
      boolean autoCommit = c.getAutoCommit();
      if (!autoCommit) {
        c.setAutoCommit(true);
      }
      try {
        return work.run(c);
      } finally {
        if (!autoCommit) {
          try {
            c.setAutoCommit(false);
          } catch (SQLException ignored) {
            // the connection is broken; the pool will discard it
          }
        }
      }
    }
  }

  /**
   * Whether a failure is a deadlock, serialization failure or lock timeout, which a new attempt
   * may not meet.
   *
   * @param e the failure
   * @return true if retrying the whole transaction makes sense
   */
  public static boolean isTransient(SQLException e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof SQLException s) {
        String state = s.getSQLState();
        if (state != null && (state.startsWith("40") || state.equals("HYT00"))) {
          return true;
        }
        int code = s.getErrorCode();
        if (code == 1213 || code == 1205 || code == 40001 || code == 50200) { // MySQL deadlock, lock wait; H2
          return true;
        }
      }
    }
    return false;
  }

  /**
   * Whether a failure is an integrity constraint violation (SQLState class 23).
   *
   * @param e the failure
   * @return true for unique, foreign key, not-null and check violations
   */
  public static boolean isIntegrityViolation(SQLException e) {
    String state = e.getSQLState();
    return state != null && state.startsWith("23");
  }

  /**
   * Whether a failure is a violation of the named unique constraint. Matches the constraint name
   * in the message, case-insensitively, which PostgreSQL, MySQL, MariaDB and H2 all include.
   *
   * @param e the failure
   * @param constraint the constraint name
   * @return true if it is that constraint's violation
   */
  public static boolean violates(SQLException e, String constraint) {
    String message = e.getMessage();
    return isIntegrityViolation(e) && message != null
        && message.toLowerCase(java.util.Locale.ROOT).contains(constraint.toLowerCase(java.util.Locale.ROOT));
  }

  /**
   * Wraps a database failure. Data and integrity errors (SQLState classes 22 and 23) and missing
   * tables or syntax errors (42) are not retryable; everything else (lost connection, timeouts) is.
   *
   * @param operation the operation
   * @param e the failure
   * @return the exception to throw
   */
  public static StoreException failure(String operation, SQLException e) {
    String state = e.getSQLState();
    boolean permanent = state != null && (state.startsWith("22") || state.startsWith("23") || state.startsWith("42"));
    return new StoreException(operation, e, !permanent);
  }
}
