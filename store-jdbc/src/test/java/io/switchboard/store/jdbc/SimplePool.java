package io.switchboard.store.jdbc;

import java.io.PrintWriter;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * A minimal connection pool for tests (PostgreSQL forks a backend per connection, so tests without
 * a pool would mostly measure connection set-up). Also checks what a host pool would care about:
 * connections come back with auto-commit on and no open transaction.
 */
final class SimplePool implements DataSource {

  private final DataSource target;
  private final ConcurrentLinkedDeque<Connection> idle = new ConcurrentLinkedDeque<>();
  private final AtomicInteger returnedDirty = new AtomicInteger();
  private volatile boolean closed;

  SimplePool(DataSource target) {
    this.target = target;
  }

  /** How many connections came back with auto-commit off (should stay 0). */
  int returnedDirty() {
    return returnedDirty.get();
  }

  void close() {
    closed = true;
    Connection c;
    while ((c = idle.poll()) != null) {
      try {
        c.close();
      } catch (SQLException ignored) {
        // closing anyway
      }
    }
  }

  @Override
  public Connection getConnection() throws SQLException {
    if (closed) {
      throw new SQLException("pool is closed", "08003");
    }
    Connection physical = idle.poll();
    if (physical == null || physical.isClosed()) {
      physical = target.getConnection();
    }
    Connection real = physical;
    boolean[] released = {false};
    InvocationHandler handler = (proxy, method, args) -> {
      if (method.getName().equals("close")) {
        if (!released[0]) {
          released[0] = true;
          release(real);
        }
        return null;
      }
      if (method.getName().equals("isClosed")) {
        return released[0] || real.isClosed();
      }
      if (released[0]) {
        throw new SQLException("connection was returned to the pool", "08003");
      }
      try {
        return method.invoke(real, args);
      } catch (InvocationTargetException e) {
        throw e.getCause();
      }
    };
    return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(), new Class<?>[] {Connection.class}, handler);
  }

  private void release(Connection real) throws SQLException {
    if (real.isClosed()) {
      return;
    }
    if (!real.getAutoCommit()) {
      returnedDirty.incrementAndGet();
      real.rollback();
      real.setAutoCommit(true);
    }
    if (closed) {
      real.close();
    } else {
      idle.push(real);
    }
  }

  @Override
  public Connection getConnection(String username, String password) throws SQLException {
    throw new SQLFeatureNotSupportedException();
  }

  @Override
  public PrintWriter getLogWriter() {
    return null;
  }

  @Override
  public void setLogWriter(PrintWriter out) {}

  @Override
  public void setLoginTimeout(int seconds) {}

  @Override
  public int getLoginTimeout() {
    return 0;
  }

  @Override
  public Logger getParentLogger() throws SQLFeatureNotSupportedException {
    throw new SQLFeatureNotSupportedException();
  }

  @Override
  public <T> T unwrap(Class<T> iface) throws SQLException {
    throw new SQLException("not a wrapper");
  }

  @Override
  public boolean isWrapperFor(Class<?> iface) {
    return false;
  }
}
