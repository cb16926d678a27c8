package io.switchboard.store.jdbc;

import io.switchboard.ChannelType;
import io.switchboard.TenantId;
import io.switchboard.spi.AppendResult;
import io.switchboard.spi.InboxEntry;
import io.switchboard.spi.InboxEntry.State;
import io.switchboard.spi.InboxEvent;
import io.switchboard.spi.InboxStore;
import io.switchboard.spi.MalformedWebhook;
import io.switchboard.store.jdbc.internal.Jdbc;
import io.switchboard.store.jdbc.internal.Sql;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * {@link InboxStore} on tables {@code <prefix>inbox} and {@code <prefix>inbox_malformed}.
 *
 * <ul>
 *   <li><b>append</b>: one transaction per call; each event is inserted on its own so that a
 *       duplicate (unique on channel + external id) is detected without failing the others:
 *       PostgreSQL {@code INSERT ... ON CONFLICT DO NOTHING RETURNING}, MySQL/MariaDB and H2 a
 *       per-row insert whose duplicate-key error is caught (both keep the transaction usable after a
 *       failed statement). Rows are written in list order, which is the conversation order; a
 *       concurrent append of the same event waits for the first one's commit, so each caller is
 *       told the truth (two appends of the same events in opposite orders can deadlock: the
 *       database aborts one, and it is run again).
 *   <li><b>claimDue</b>: {@code SELECT ... FOR UPDATE SKIP LOCKED} plus a lease
 *       ({@code lease_owner}, {@code lease_until}) on PostgreSQL, MySQL 8 and MariaDB 10.6; on H2
 *       (and older MySQL/MariaDB) a conditional update per candidate that succeeds only if the row
 *       is still due and unleased. Either way an entry is handed to one claimer per lease, and a
 *       crashed node's claims come back when their lease expires. Conversation order: a candidate
 *       with an {@code ordering_key} qualifies only if no earlier row ({@code seq}) of its key is
 *       still PENDING or UNROUTABLE (indexed on key, state, seq). That holds until the row itself is
 *       delivered, so checking it without locks is safe. The claimer then takes the due, unleased
 *       rows queued behind each head it won; nobody else can claim those while the head is pending.
 *   <li>Payloads are TEXT / LONGTEXT / CLOB (tested at 3 MB); malformed bodies BYTEA / LONGBLOB /
 *       BLOB. Last errors longer than {@value #MAX_ERROR} characters are cut.
 * </ul>
 *
 * <p>Thread-safe. Obtain it from {@link JdbcStores#inboxStore()}.
 */
public final class JdbcInboxStore implements InboxStore {

  /** Longest {@code lastError} kept; longer ones are cut. */
  public static final int MAX_ERROR = 8000;

  private static final int PG_ROWS_PER_INSERT = 500;
  private static final String COLUMNS = "seq, id, channel, external_id, tenant_id, account_id, event_type, payload,"
      + " received_at, state, attempts, next_attempt_at, last_error, delivered_at, ordering_key, lease_until";
  private static final String INSERT_COLUMNS = "(id, channel, external_id, tenant_id, account_id, event_type, payload,"
      + " received_at, state, attempts, next_attempt_at, ordering_key)";
  private static final String INSERT_VALUES = "(?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?, ?)";
  private static final int MAX_IDS_PER_STATEMENT = 500;

  private final Jdbc jdbc;
  private final Sql sql;
  private final String inbox;
  private final String malformedTable;
  private final String externalConstraint;
  private final String dueCondition;
  private final String headCondition;

  JdbcInboxStore(Jdbc jdbc, Sql sql) {
    this.jdbc = jdbc;
    this.sql = sql;
    this.inbox = sql.t("inbox");
    this.malformedTable = sql.t("inbox_malformed");
    this.externalConstraint = sql.t("inbox_external_uq");
    this.dueCondition = "state = 'PENDING' AND next_attempt_at <= ? AND (lease_until IS NULL OR lease_until <= ?)";
    // Two probes rather than one NOT EXISTS over both states: each is an equality on
    // (ordering_key, state) ordered by seq, which every planner answers from the ordering index
    // with one row. (A NOT EXISTS with state IN (...) and seq < cur.seq let PostgreSQL pick a
    // sequential scan when few conversations hold many rows: 60 ms per claim at 20,000 rows.)
    this.headCondition = "(ordering_key IS NULL OR (cur.seq = (SELECT first_pending.seq FROM " + inbox
        + " first_pending WHERE first_pending.ordering_key = cur.ordering_key AND first_pending.state = 'PENDING'"
        + " ORDER BY first_pending.seq " + sql.limitOne() + ") AND NOT EXISTS (SELECT 1 FROM " + inbox
        + " earlier WHERE earlier.ordering_key = cur.ordering_key AND earlier.state = 'UNROUTABLE'"
        + " AND earlier.seq < cur.seq)))";
  }

  // ------------------------------------------------------------------ append

  @Override
  public AppendResult append(List<InboxEvent> events) {
    Objects.requireNonNull(events, "events");
    if (events.isEmpty()) {
      return new AppendResult(List.of());
    }
    // first occurrence of each key, in list order (the conversation order)
    Map<Key, Integer> firstIndex = new LinkedHashMap<>();
    for (int i = 0; i < events.size(); i++) {
      firstIndex.putIfAbsent(Key.of(events.get(i)), i);
    }
    List<Integer> order = new ArrayList<>(firstIndex.values());
    List<InboxEvent> unique = order.stream().map(events::get).toList();

    boolean postgres = sql.dialect() == SqlDialect.POSTGRESQL;
    // One INSERT is atomic on its own: run it auto-committed and save the COMMIT round trip.
    Set<Key> inserted = postgres && unique.size() <= PG_ROWS_PER_INSERT
        ? jdbc.singleStatement("inbox.append", c -> insertPostgres(c, unique))
        : jdbc.inTransaction("inbox.append", c -> postgres ? insertPostgres(c, unique) : insertEach(c, unique));

    Boolean[] result = new Boolean[events.size()];
    Arrays.fill(result, Boolean.FALSE);
    for (int i : order) {
      result[i] = inserted.contains(Key.of(events.get(i)));
    }
    return new AppendResult(Arrays.asList(result));
  }

  private Set<Key> insertPostgres(Connection c, List<InboxEvent> events) throws SQLException {
    Set<Key> inserted = new HashSet<>();
    for (List<InboxEvent> chunk : chunks(events, PG_ROWS_PER_INSERT)) {
      String values = String.join(", ", Collections.nCopies(chunk.size(), INSERT_VALUES));
      try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + inbox + " " + INSERT_COLUMNS + " VALUES " + values
          + " ON CONFLICT (channel, external_id) DO NOTHING RETURNING channel, external_id")) {
        int p = 1;
        for (InboxEvent e : chunk) {
          p = bindInsert(ps, p, e);
        }
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            inserted.add(new Key(rs.getString(1), rs.getString(2)));
          }
        }
      }
    }
    return inserted;
  }

  private Set<Key> insertEach(Connection c, List<InboxEvent> events) throws SQLException {
    Set<Key> inserted = new HashSet<>();
    try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + inbox + " " + INSERT_COLUMNS + " VALUES " + INSERT_VALUES)) {
      for (InboxEvent e : events) {
        bindInsert(ps, 1, e);
        try {
          ps.executeUpdate();
          inserted.add(Key.of(e));
        } catch (SQLException failure) {
          if (!Jdbc.violates(failure, externalConstraint)) {
            throw failure;
          }
          // duplicate: the statement failed alone, the transaction goes on
        }
      }
    }
    return inserted;
  }

  private int bindInsert(PreparedStatement ps, int p, InboxEvent e) throws SQLException {
    ps.setString(p++, e.id());
    ps.setString(p++, e.channel().name());
    ps.setString(p++, e.externalId());
    ps.setString(p++, e.tenant().map(TenantId::value).orElse(null));
    ps.setString(p++, e.accountId());
    ps.setString(p++, e.eventType());
    ps.setString(p++, e.payload());
    sql.setInstant(ps, p++, e.receivedAt());
    ps.setString(p++, (e.tenant().isPresent() ? State.PENDING : State.UNROUTABLE).name());
    sql.setInstant(ps, p++, e.receivedAt());
    ps.setString(p++, e.orderingKey().orElse(null));
    return p;
  }

  private record Key(String channel, String externalId) {
    static Key of(InboxEvent e) {
      return new Key(e.channel().name(), e.externalId());
    }
  }

  // ------------------------------------------------------------------ claimDue

  @Override
  public List<InboxEntry> claimDue(Instant now, int limit, Duration lease, String owner) {
    Objects.requireNonNull(now, "now");
    Objects.requireNonNull(lease, "lease");
    Objects.requireNonNull(owner, "owner");
    if (limit < 0 || lease.isNegative()) {
      throw new IllegalArgumentException("limit and lease must not be negative");
    }
    if (limit == 0) {
      return List.of();
    }
    Instant until = now.plus(lease);
    return jdbc.inTransaction("inbox.claimDue", c -> {
      if (sql.dialect() == SqlDialect.POSTGRESQL) {
        // The claim window must be read from the due index in order. Until autovacuum first
        // analyses a new inbox table (a minute or more), PostgreSQL takes the due rows for a
        // handful and would rather collect them all and sort them: a whole backlog per claim
        // (8 ms instead of 0.1 ms at 20,000 rows). This transaction therefore does without sorts.
        try (java.sql.Statement st = c.createStatement()) {
          st.execute("SET LOCAL enable_sort = off");
        }
      }
      return sql.skipLocked()
          ? claimSkipLocked(c, now, limit, until, owner)
          : claimConditional(c, now, limit, until, owner);
    });
  }

  private List<InboxEntry> claimSkipLocked(Connection c, Instant now, int limit, Instant until, String owner)
      throws SQLException {
    List<Row> heads = takeHeads(c, now, limit, until, owner, true);
    for (List<Row> chunk : chunks(heads, MAX_IDS_PER_STATEMENT)) {
      String in = Sql.placeholders(chunk.size());
      try (PreparedStatement ps = c.prepareStatement(
          "UPDATE " + inbox + " SET lease_owner = ?, lease_until = ? WHERE seq IN (" + in + ")")) {
        ps.setString(1, owner);
        sql.setInstant(ps, 2, until);
        int p = 3;
        for (Row r : chunk) {
          ps.setLong(p++, r.seq());
        }
        ps.executeUpdate();
      }
    }
    List<Row> claimed = withFollowers(c, heads, now, limit, until, owner);
    return claimed.stream().map(Row::entry).toList();
  }

  /**
   * Claims, behind each head this transaction has leased, the due and unleased PENDING rows queued
   * in its conversation, in order, up to {@code limit} rows in all (an even share of the room per
   * conversation), and returns heads and followers
   * sorted so that every conversation stays in order. Nobody else can claim a follower while its
   * head is pending, so they are read without locks: one bounded index range per conversation
   * (ordering_key, state, seq), stopping before the conversation's first UNROUTABLE row. If a
   * follower turns out to be taken meanwhile (only a claimer whose lease has expired can touch
   * one), every follower is given back and the heads alone are returned.
   */
  private List<Row> withFollowers(Connection c, List<Row> heads, Instant now, int limit, Instant until, String owner)
      throws SQLException {
    Map<String, Row> headByKey = new LinkedHashMap<>();
    for (Row head : heads) {
      head.entry().event().orderingKey().ifPresent(k -> headByKey.put(k, head));
    }
    int room = limit - heads.size();
    if (headByKey.isEmpty() || room <= 0) {
      return sortedForDispatch(heads, Map.of());
    }
    List<String> keys = new ArrayList<>(headByKey.keySet());
    // the room is shared out evenly, so no conversation's queue crowds out the others' (and no
    // more rows are read than can be claimed)
    int share = (room + keys.size() - 1) / keys.size();
    Map<String, Long> barrier = firstUnroutable(c, keys);
    String branch = "(SELECT " + COLUMNS + " FROM " + inbox + " WHERE ordering_key = ? AND state = 'PENDING'"
        + " AND seq > ? ORDER BY seq " + sql.limit() + ")";
    Map<String, List<Row>> queued = new HashMap<>();
    try (PreparedStatement ps = c.prepareStatement(String.join(" UNION ALL ", Collections.nCopies(keys.size(), branch)))) {
      int p = 1;
      for (String k : keys) {
        ps.setString(p++, k);
        ps.setLong(p++, headByKey.get(k).seq());
        ps.setInt(p++, share);
      }
      for (Row r : readRows(ps)) {
        queued.computeIfAbsent(r.entry().event().orderingKey().orElseThrow(), k -> new ArrayList<>()).add(r);
      }
    }
    List<Row> followers = new ArrayList<>();
    Map<Long, Instant> sortDue = new HashMap<>();
    for (Row head : heads) {
      Instant due = head.entry().nextAttemptAt();
      sortDue.put(head.seq(), due);
      String key = head.entry().event().orderingKey().orElse(null);
      long stopAt = key == null ? Long.MAX_VALUE : barrier.getOrDefault(key, Long.MAX_VALUE);
      List<Row> rows = key == null ? List.of() : queued.getOrDefault(key, List.of());
      if (!rows.isEmpty()) {
        rows.sort(Comparator.comparingLong(Row::seq)); // UNION ALL keeps no order
      }
      int taken = 0;
      for (Row next : rows) {
        if (followers.size() == room || taken++ == share || next.seq() >= stopAt || !next.claimableAt(now)) {
          break;
        }
        // a follower sorts no earlier than the row before it, so the conversation stays in order
        due = due.isAfter(next.entry().nextAttemptAt()) ? due : next.entry().nextAttemptAt();
        sortDue.put(next.seq(), due);
        followers.add(next);
      }
    }
    if (followers.isEmpty() || !leaseAll(c, followers, now, until, owner)) {
      return sortedForDispatch(heads, Map.of());
    }
    List<Row> all = new ArrayList<>(heads);
    all.addAll(followers);
    return sortedForDispatch(all, sortDue);
  }

  /** The seq of each conversation's first UNROUTABLE row, for the conversations that have one. */
  private Map<String, Long> firstUnroutable(Connection c, List<String> keys) throws SQLException {
    String in = Sql.placeholders(keys.size());
    Map<String, Long> first = new HashMap<>();
    try (PreparedStatement ps = c.prepareStatement("SELECT ordering_key, MIN(seq) FROM " + inbox
        + " WHERE state = 'UNROUTABLE' AND ordering_key IN (" + in + ") GROUP BY ordering_key")) {
      int p = 1;
      for (String k : keys) {
        ps.setString(p++, k);
      }
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          first.put(rs.getString(1), rs.getLong(2));
        }
      }
    }
    return first;
  }

  /**
   * Leases every row if every one is still due and unleased; otherwise leases none (gives back
   * those it took) and returns false.
   */
  private boolean leaseAll(Connection c, List<Row> rows, Instant now, Instant until, String owner)
      throws SQLException {
    String in = Sql.placeholders(rows.size());
    int leased;
    try (PreparedStatement ps = c.prepareStatement("UPDATE " + inbox + " SET lease_owner = ?, lease_until = ?"
        + " WHERE seq IN (" + in + ") AND " + dueCondition)) {
      int p = 1;
      ps.setString(p++, owner);
      sql.setInstant(ps, p++, until);
      for (Row r : rows) {
        ps.setLong(p++, r.seq());
      }
      sql.setInstant(ps, p++, now);
      sql.setInstant(ps, p, now);
      leased = ps.executeUpdate();
    }
    if (leased == rows.size()) {
      return true;
    }
    try (PreparedStatement ps = c.prepareStatement("UPDATE " + inbox + " SET lease_owner = NULL, lease_until = NULL"
        + " WHERE seq IN (" + in + ") AND lease_owner = ? AND lease_until = ?")) {
      int p = 1;
      for (Row r : rows) {
        ps.setLong(p++, r.seq());
      }
      ps.setString(p++, owner);
      sql.setInstant(ps, p, until);
      ps.executeUpdate();
    }
    return false;
  }

  /** Oldest due first ({@code sortDue} overrides a row's own due time), then storage order. */
  private static List<Row> sortedForDispatch(List<Row> rows, Map<Long, Instant> sortDue) {
    List<Row> sorted = new ArrayList<>(rows);
    sorted.sort(Comparator.comparing((Row r) -> sortDue.getOrDefault(r.seq(), r.entry().nextAttemptAt()))
        .thenComparingLong(Row::seq));
    return sorted;
  }

  private List<InboxEntry> claimConditional(Connection c, Instant now, int limit, Instant until, String owner)
      throws SQLException {
    List<Row> heads = takeHeads(c, now, limit, until, owner, false);
    List<Row> claimed = withFollowers(c, heads, now, limit, until, owner);
    return claimed.stream().map(Row::entry).toList();
  }

  /**
   * Finds up to {@code limit} conversation heads through the claim window (see below), oldest due
   * first. With {@code locking} the heads come back locked ({@code FOR UPDATE SKIP LOCKED}) and the
   * caller leases them; without, each is leased here by a conditional update and kept only if that
   * update got it.
   */
  private List<Row> takeHeads(Connection c, Instant now, int limit, Instant until, String owner, boolean locking)
      throws SQLException {
    List<Row> heads = new ArrayList<>();
    for (int window = firstWindow(limit); ; window = nextWindow(window)) {
      Window w = window(c, now, window);
      for (List<Long> chunk : chunks(w.candidates(), MAX_IDS_PER_STATEMENT)) {
        if (heads.size() >= limit) {
          break;
        }
        List<Row> found;
        try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM " + inbox + " cur WHERE seq IN ("
            + Sql.placeholders(chunk.size()) + ") AND " + dueCondition + " AND " + headCondition
            + " ORDER BY next_attempt_at, seq" + (locking ? " " + sql.limit() + " FOR UPDATE SKIP LOCKED" : ""))) {
          int p = 1;
          for (long seq : chunk) {
            ps.setLong(p++, seq);
          }
          sql.setInstant(ps, p++, now);
          sql.setInstant(ps, p++, now);
          if (locking) {
            ps.setInt(p, limit - heads.size());
          }
          found = readRows(ps);
        }
        if (locking) {
          heads.addAll(found);
          continue;
        }
        for (Row r : found) {
          if (heads.size() >= limit) {
            break;
          }
          if (leaseIfFree(c, r.seq(), now, until, owner)) {
            heads.add(r);
          }
        }
      }
      if (!heads.isEmpty() || !w.full()) {
        return heads;
      }
    }
  }

  /** Leases one row if it is still due and unleased; true if this call got it. */
  private boolean leaseIfFree(Connection c, long seq, Instant now, Instant until, String owner) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("UPDATE " + inbox + " SET lease_owner = ?, lease_until = ?"
        + " WHERE seq = ? AND " + dueCondition)) {
      ps.setString(1, owner);
      sql.setInstant(ps, 2, until);
      ps.setLong(3, seq);
      sql.setInstant(ps, 4, now);
      sql.setInstant(ps, 5, now);
      return ps.executeUpdate() == 1;
    }
  }

  /*
   * Claim window. A claim looks for conversation heads among the first due rows only (in due order)
   * and never asks the database to probe a whole backlog: with few conversations and deep queues,
   * all heads sit at the front, and a search for more heads than exist would check every queued
   * row. The window is read first (seq and key only); its candidates are each conversation's first
   * row in it and the rows without a key; only those are checked and locked, by seq, so no planner
   * can turn the search into a scan. If no candidate is a head but the window is full (say, its
   * front is the queue of a conversation whose head waits for a retry), the window grows eightfold
   * until it holds every due row: heads further back are never starved, and an idle or short queue
   * costs one small query.
   */

  private static int firstWindow(int limit) {
    return (int) Math.min(Integer.MAX_VALUE, Math.max(64L, 2L * limit));
  }

  private static int nextWindow(int window) {
    return (int) Math.min(Integer.MAX_VALUE, 8L * window);
  }

  /** Candidate heads in due order, and whether the window was full (more due rows may follow). */
  private record Window(List<Long> candidates, boolean full) {}

  private Window window(Connection c, Instant now, int size) throws SQLException {
    List<Long> candidates = new ArrayList<>();
    Map<String, Integer> slotOfKey = new HashMap<>();
    int rows = 0;
    try (PreparedStatement ps = c.prepareStatement("SELECT seq, ordering_key FROM " + inbox + " WHERE " + dueCondition
        + " ORDER BY next_attempt_at, seq " + sql.limit())) {
      sql.setInstant(ps, 1, now);
      sql.setInstant(ps, 2, now);
      ps.setInt(3, size);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          rows++;
          long seq = rs.getLong(1);
          String key = rs.getString(2);
          Integer slot = key == null ? null : slotOfKey.putIfAbsent(key, candidates.size());
          if (slot == null) {
            candidates.add(seq);
          } else if (seq < candidates.get(slot)) {
            // a conversation's head is its lowest seq: keep the lowest seen in the window
            candidates.set(slot, seq);
          }
        }
      }
    }
    return new Window(candidates, rows >= size && size < Integer.MAX_VALUE);
  }

  private List<Row> readRows(PreparedStatement ps) throws SQLException {
    List<Row> rows = new ArrayList<>();
    try (ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        rows.add(new Row(rs.getLong("seq"), readEntry(rs), sql.getInstant(rs, "lease_until").orElse(null)));
      }
    }
    return rows;
  }

  private static <T> List<List<T>> chunks(List<T> all, int size) {
    List<List<T>> out = new ArrayList<>();
    for (int from = 0; from < all.size(); from += size) {
      out.add(all.subList(from, Math.min(all.size(), from + size)));
    }
    return out;
  }

  private record Row(long seq, InboxEntry entry, Instant leaseUntil) {
    boolean claimableAt(Instant now) {
      return entry.state() == State.PENDING && !entry.nextAttemptAt().isAfter(now)
          && (leaseUntil == null || !leaseUntil.isAfter(now));
    }
  }

  // ------------------------------------------------------------------ state changes

  @Override
  public void markDelivered(String id, Instant at) {
    Objects.requireNonNull(id, "id");
    markDelivered(List.of(id), at);
  }

  /**
   * {@inheritDoc} One statement per {@value #MAX_IDS_PER_STATEMENT} ids: a single one runs
   * auto-committed, several run in one transaction.
   */
  @Override
  public void markDelivered(List<String> ids, Instant at) {
    Objects.requireNonNull(ids, "ids");
    Objects.requireNonNull(at, "at");
    ids.forEach(id -> Objects.requireNonNull(id, "id"));
    if (ids.isEmpty()) {
      return;
    }
    Jdbc.Work<Integer> work = c -> {
      int updated = 0;
      for (List<String> chunk : chunks(ids, MAX_IDS_PER_STATEMENT)) {
        String in = Sql.placeholders(chunk.size());
        try (PreparedStatement ps = c.prepareStatement("UPDATE " + inbox + " SET state = 'DELIVERED', delivered_at = ?,"
            + " lease_owner = NULL, lease_until = NULL WHERE id IN (" + in + ") AND state = 'PENDING'")) {
          sql.setInstant(ps, 1, at);
          int p = 2;
          for (String id : chunk) {
            ps.setString(p++, id);
          }
          updated += ps.executeUpdate();
        }
      }
      return updated;
    };
    // one UPDATE is atomic on its own: no explicit transaction needed
    if (ids.size() <= MAX_IDS_PER_STATEMENT) {
      jdbc.singleStatement("inbox.markDelivered", work);
    } else {
      jdbc.inTransaction("inbox.markDelivered", work);
    }
  }

  @Override
  public void reschedule(String id, int attempts, Instant nextAttemptAt, String error) {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(nextAttemptAt, "nextAttemptAt");
    Objects.requireNonNull(error, "error");
    String kept = error.length() <= MAX_ERROR ? error : error.substring(0, MAX_ERROR);
    jdbc.inTransaction("inbox.reschedule", c -> {
      try (PreparedStatement ps = c.prepareStatement("UPDATE " + inbox + " SET attempts = ?, next_attempt_at = ?,"
          + " last_error = ?, lease_owner = NULL, lease_until = NULL WHERE id = ? AND state = 'PENDING'")) {
        ps.setInt(1, attempts);
        sql.setInstant(ps, 2, nextAttemptAt);
        ps.setString(3, kept);
        ps.setString(4, id);
        return ps.executeUpdate();
      }
    });
  }

  @Override
  public int assignUnroutable(ChannelType channel, String accountId, TenantId tenant) {
    Objects.requireNonNull(channel, "channel");
    Objects.requireNonNull(accountId, "accountId");
    Objects.requireNonNull(tenant, "tenant");
    return jdbc.inTransaction("inbox.assignUnroutable", c -> {
      try (PreparedStatement ps = c.prepareStatement("UPDATE " + inbox + " SET tenant_id = ?, state = 'PENDING'"
          + " WHERE state = 'UNROUTABLE' AND channel = ? AND account_id = ?")) {
        ps.setString(1, tenant.value());
        ps.setString(2, channel.name());
        ps.setString(3, accountId);
        return ps.executeUpdate();
      }
    });
  }

  // ------------------------------------------------------------------ reads

  @Override
  public List<InboxEntry> unroutable(int limit) {
    if (limit <= 0) {
      return List.of();
    }
    return jdbc.inTransaction("inbox.unroutable", c -> {
      try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM " + inbox
          + " WHERE state = 'UNROUTABLE' ORDER BY received_at, seq " + sql.limit())) {
        ps.setInt(1, limit);
        return readEntries(ps);
      }
    });
  }

  @Override
  public Optional<InboxEntry> find(ChannelType channel, String externalId) {
    Objects.requireNonNull(channel, "channel");
    Objects.requireNonNull(externalId, "externalId");
    return jdbc.inTransaction("inbox.find", c -> {
      try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM " + inbox
          + " WHERE channel = ? AND external_id = ?")) {
        ps.setString(1, channel.name());
        ps.setString(2, externalId);
        return readEntries(ps).stream().findFirst();
      }
    });
  }

  @Override
  public int purgeDelivered(Instant deliveredBefore) {
    Objects.requireNonNull(deliveredBefore, "deliveredBefore");
    return jdbc.inTransaction("inbox.purgeDelivered", c -> {
      try (PreparedStatement ps = c.prepareStatement("DELETE FROM " + inbox
          + " WHERE state = 'DELIVERED' AND delivered_at < ?")) {
        sql.setInstant(ps, 1, deliveredBefore);
        return ps.executeUpdate();
      }
    });
  }

  private List<InboxEntry> readEntries(PreparedStatement ps) throws SQLException {
    List<InboxEntry> entries = new ArrayList<>();
    try (ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        entries.add(readEntry(rs));
      }
    }
    return entries;
  }

  private InboxEntry readEntry(ResultSet rs) throws SQLException {
    String tenant = rs.getString("tenant_id");
    InboxEvent event = new InboxEvent(
        rs.getString("id"),
        ChannelType.valueOf(rs.getString("channel")),
        rs.getString("external_id"),
        tenant == null ? Optional.empty() : Optional.of(TenantId.of(tenant)),
        rs.getString("account_id"),
        rs.getString("event_type"),
        rs.getString("payload"),
        sql.requireInstant(rs, "received_at"),
        Optional.ofNullable(rs.getString("ordering_key")));
    return new InboxEntry(event, State.valueOf(rs.getString("state")), rs.getInt("attempts"),
        sql.requireInstant(rs, "next_attempt_at"), Optional.ofNullable(rs.getString("last_error")),
        sql.getInstant(rs, "delivered_at"));
  }

  // ------------------------------------------------------------------ malformed

  @Override
  public void recordMalformed(MalformedWebhook webhook) {
    Objects.requireNonNull(webhook, "webhook");
    jdbc.inTransaction("inbox.recordMalformed", c -> {
      try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + malformedTable
          + " (id, received_at, reason, body) VALUES (?, ?, ?, ?)")) {
        ps.setString(1, webhook.id());
        sql.setInstant(ps, 2, webhook.receivedAt());
        ps.setString(3, webhook.reason());
        ps.setBytes(4, webhook.body());
        return ps.executeUpdate();
      }
    });
  }

  @Override
  public List<MalformedWebhook> malformed(int limit) {
    if (limit <= 0) {
      return List.of();
    }
    return jdbc.inTransaction("inbox.malformed", c -> {
      try (PreparedStatement ps = c.prepareStatement("SELECT id, received_at, reason, body FROM " + malformedTable
          + " ORDER BY received_at DESC, seq DESC " + sql.limit())) {
        ps.setInt(1, limit);
        List<MalformedWebhook> result = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            result.add(new MalformedWebhook(rs.getString("id"), sql.requireInstant(rs, "received_at"),
                rs.getString("reason"), rs.getBytes("body")));
          }
        }
        return result;
      }
    });
  }
}
