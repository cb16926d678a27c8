/**
 * In-memory implementations of the store SPIs, for tests and single-process hosts. They keep
 * everything on the heap and lose it all when the process stops; production deployments use the
 * JDBC stores (or their own).
 */
package io.switchboard.store.memory;
