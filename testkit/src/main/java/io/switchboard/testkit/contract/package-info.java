/**
 * Abstract JUnit 5 contract suites for the store SPIs of {@code io.switchboard.spi}.
 *
 * <p>Every store implementation (the in-memory ones in core, the JDBC ones in
 * {@code switchboard-store-jdbc}, or a host's own) proves it honours the SPI Javadoc by extending
 * the matching class and returning a fresh, empty store from its factory method:
 *
 * <pre>{@code
 * class RedisInboxStoreTest extends InboxStoreContract {
 *   @Override
 *   protected InboxStore newStore() {
 *     redis.flushAll();                 // each test starts from an empty store
 *     return new RedisInboxStore(redis);
 *   }
 * }
 * }</pre>
 *
 * <p>The suites never sleep: every time is an explicit {@link java.time.Instant} truncated to
 * microseconds, the finest precision common databases keep. They start a few threads of their own
 * for the concurrency cases and stop them before the test ends.
 */
package io.switchboard.testkit.contract;
