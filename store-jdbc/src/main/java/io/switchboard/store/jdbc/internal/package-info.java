/** Internal plumbing of the JDBC stores: SQL per dialect, transactions, the migrator. Not API. */
package io.switchboard.store.jdbc.internal;
