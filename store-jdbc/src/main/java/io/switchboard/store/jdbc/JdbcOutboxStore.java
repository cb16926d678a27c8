package io.switchboard.store.jdbc;

import io.switchboard.ChannelType;
import io.switchboard.TenantId;
import io.switchboard.ValidationException;
import io.switchboard.ValidationException.Violation;
import io.switchboard.message.DeliveryStatus;
import io.switchboard.message.Priority;
import io.switchboard.spi.EnqueueResult;
import io.switchboard.spi.OutboxQuery;
import io.switchboard.spi.OutboxRecord;
import io.switchboard.spi.OutboxStore;
import io.switchboard.store.jdbc.internal.Jdbc;
import io.switchboard.store.jdbc.internal.Sql;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * {@link OutboxStore} on table {@code <prefix>outbox}.
 *
 * <ul>
 *   <li><b>enqueue / enqueueAll</b>: one transaction per call; each record is inserted on its own
 *       and a duplicate (unique on tenant + idempotency key; keys are a nullable column, and NULLs
 *       never collide) is detected without failing the others: PostgreSQL
 *       {@code INSERT ... ON CONFLICT DO NOTHING}, MySQL/MariaDB and H2 a plain insert whose
 *       duplicate-key error is caught. The stored message is then read (MySQL: with a locking read,
 *       so a concurrent enqueuer's commit is seen even under REPEATABLE READ). A concurrent insert
 *       of the same key waits for the first one's commit, so of N concurrent enqueues exactly one is
 *       told "inserted" and all get the same message. Keyed records are written in key order so
 *       that overlapping batches cannot deadlock. A record whose <em>id</em> is already stored is
 *       rejected with a {@link ValidationException} and the whole call is rolled back.
 *   <li><b>claimDue</b>, in two steps because PostgreSQL allows no {@code FOR UPDATE} with window
 *       functions: (1) select candidate ids, a few more than the limit, ranked with
 *       {@code ROW_NUMBER() OVER (PARTITION BY priority, tenant_id ORDER BY next_attempt_at, seq)}
 *       and ordered by priority, that rank, due time and arrival, which is "conversational first,
 *       then each tenant's earliest message before any tenant's second"; (2) lease them with a
 *       conditional {@code UPDATE ... WHERE id IN (...) AND status IN ('QUEUED','SENDING') AND
 *       next_attempt_at <= now AND (lease_until IS NULL OR lease_until <= now)}. PostgreSQL locks the
 *       candidates with {@code FOR UPDATE SKIP LOCKED} inside the update and reads the claimed rows
 *       with {@code RETURNING}; MySQL/MariaDB and H2 set a random claim token in the update and
 *       re-read the rows carrying it. The update re-checks the condition on the latest committed
 *       row, so two claimers never both get a message; a claimer that lost candidates to another
 *       takes the next ones, then selects again (up to {@value #CLAIM_PASSES} passes).
 *   <li><b>Status changes</b> are conditional updates whose {@code WHERE status IN (...)} lists
 *       exactly the statuses from which {@link DeliveryStatus#canAdvanceTo} allows the move
 *       (computed from the enum, so the SQL and the Java rule cannot drift apart). The database
 *       evaluates it on the latest row version under the row lock, so concurrent status webhooks
 *       never move a message backwards.
 *   <li>{@code findByExternalId}/{@code advance} use the most recently queued message with that
 *       channel id (channel ids are unique in practice; the index is not declared unique).
 * </ul>
 *
 * <p>Limits, checked before any I/O ({@link ValidationException}): ids 64 characters, account ids
 * and recipients 255, idempotency keys 255, campaign ids 128, channel message ids 512, lease owners
 * 255. Error codes longer than {@value #MAX_ERROR_CODE} and error messages longer than
 * {@value #MAX_ERROR} characters are cut. Payloads: TEXT / MEDIUMTEXT (16 MB) / CLOB.
 *
 * <p>Thread-safe. Obtain it from {@link JdbcStores#outboxStore()}.
 */
public final class JdbcOutboxStore implements OutboxStore {

  /** Longest error message kept; longer ones are cut. */
  public static final int MAX_ERROR = 8000;
  /** Longest error code kept; longer ones are cut. */
  public static final int MAX_ERROR_CODE = 128;
  /** Longest message id. */
  public static final int MAX_ID = 64;
  /** Longest account id and recipient. */
  public static final int MAX_ACCOUNT_ID = 255;
  /** Longest idempotency key. */
  public static final int MAX_IDEMPOTENCY_KEY = 255;
  /** Longest campaign id. */
  public static final int MAX_CAMPAIGN_ID = 128;
  /** Longest channel message id. */
  public static final int MAX_EXTERNAL_ID = 512;
  /** Longest lease owner. */
  public static final int MAX_OWNER = 255;

  private static final int CLAIM_PASSES = 4;
  private static final String COLUMNS = "id, tenant_id, channel, account_id, recipient, priority, idempotency_key,"
      + " campaign_id, payload, status, attempts, created_at, next_attempt_at, updated_at, sent_at, external_id,"
      + " error_code, error_message";
  private static final String ALIASED_COLUMNS = COLUMNS.replaceAll("(\\w+)", "o.$1");
  private static final String PENDING = "('QUEUED', 'SENDING')";
  private static final String DUE = "status IN " + PENDING
      + " AND next_attempt_at <= ? AND (lease_until IS NULL OR lease_until <= ?)";
  private static final String RELEASE = "lease_owner = NULL, lease_until = NULL, claim_token = NULL";

  private final Jdbc jdbc;
  private final Sql sql;
  private final String table;
  private final String idConstraint;
  private final boolean postgres;

  JdbcOutboxStore(Jdbc jdbc, Sql sql) {
    this.jdbc = jdbc;
    this.sql = sql;
    this.table = sql.t("outbox");
    this.idConstraint = sql.t("outbox_id_uq");
    this.postgres = sql.dialect() == SqlDialect.POSTGRESQL;
  }

  // ------------------------------------------------------------------ enqueue

  @Override
  public EnqueueResult enqueue(OutboxRecord record) {
    Objects.requireNonNull(record, "record");
    return insertAll("outbox.enqueue", List.of(record)).get(0);
  }

  @Override
  public List<EnqueueResult> enqueueAll(List<OutboxRecord> records) {
    Objects.requireNonNull(records, "records");
    if (records.isEmpty()) {
      return List.of();
    }
    return insertAll("outbox.enqueueAll", records);
  }

  private List<EnqueueResult> insertAll(String operation, List<OutboxRecord> records) {
    List<Violation> violations = new ArrayList<>();
    for (int i = 0; i < records.size(); i++) {
      validate(records.size() == 1 ? "" : "records[" + i + "].", Objects.requireNonNull(records.get(i), "record"),
          violations);
    }
    if (!violations.isEmpty()) {
      throw new ValidationException(violations);
    }
    // the first record of each (tenant, key) is inserted; later ones in the batch get its result.
    // Keyed rows go first, in key order (a consistent lock order across concurrent batches).
    Map<String, Integer> firstByKey = new HashMap<>();
    int[] sameAs = new int[records.size()];
    List<Integer> order = new ArrayList<>();
    for (int i = 0; i < records.size(); i++) {
      OutboxRecord r = records.get(i);
      sameAs[i] = i;
      if (r.idempotencyKey().isPresent()) {
        Integer first = firstByKey.putIfAbsent(keyOf(r), i);
        if (first != null) {
          sameAs[i] = first;
          continue;
        }
      }
      order.add(i);
    }
    order.sort(Comparator.comparing((Integer i) -> records.get(i).idempotencyKey().isEmpty())
        .thenComparing(i -> records.get(i).idempotencyKey().isPresent() ? keyOf(records.get(i)) : "")
        .thenComparing(i -> i));

    EnqueueResult[] results = jdbc.inTransaction(operation, c -> {
      EnqueueResult[] out = new EnqueueResult[records.size()];
      for (int i : order) {
        out[i] = insertOne(c, records.get(i));
      }
      return out;
    });
    List<EnqueueResult> list = new ArrayList<>(records.size());
    for (int i = 0; i < records.size(); i++) {
      list.add(sameAs[i] == i ? results[i] : new EnqueueResult(results[sameAs[i]].record(), false));
    }
    return list;
  }

  private static String keyOf(OutboxRecord r) {
    return r.tenant().value() + '\u0000' + r.idempotencyKey().orElse("");
  }

  private EnqueueResult insertOne(Connection c, OutboxRecord r) throws SQLException {
    String insert = "INSERT INTO " + table + " (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?,"
        + " ?, ?)";
    if (postgres) {
      // no conflict target: any unique conflict (key or id) is sorted out below, keeping the transaction usable
      try (PreparedStatement ps = c.prepareStatement(insert + " ON CONFLICT DO NOTHING")) {
        bindRecord(ps, r);
        if (ps.executeUpdate() == 1) {
          return new EnqueueResult(r, true);
        }
      }
      Optional<OutboxRecord> existing = r.idempotencyKey().isPresent() ? findByKey(c, r, false) : Optional.empty();
      if (existing.isPresent()) {
        return new EnqueueResult(existing.get(), false);
      }
      if (findById(c, r.id()).isPresent()) {
        throw duplicateId(r);
      }
      throw new Jdbc.RetryException(new SQLException("conflicting row vanished (concurrent rollback)", "40001"));
    }
    try (PreparedStatement ps = c.prepareStatement(insert)) {
      bindRecord(ps, r);
      ps.executeUpdate();
      return new EnqueueResult(r, true);
    } catch (SQLException e) {
      if (!Jdbc.isIntegrityViolation(e)) {
        throw e;
      }
      // the failed statement alone was rolled back (MySQL, H2); the transaction goes on
      if (r.idempotencyKey().isPresent()) {
        Optional<OutboxRecord> existing = findByKey(c, r, true);
        if (existing.isPresent()) {
          return new EnqueueResult(existing.get(), false);
        }
      }
      if (Jdbc.violates(e, idConstraint) || findById(c, r.id()).isPresent()) {
        throw duplicateId(r);
      }
      if (r.idempotencyKey().isPresent() && Jdbc.violates(e, sql.t("outbox_idem_uq"))) {
        throw new Jdbc.RetryException(e); // the other insert was not visible yet
      }
      throw e;
    }
  }

  private static ValidationException duplicateId(OutboxRecord r) {
    return new ValidationException(List.of(new Violation("id", "message id " + r.id() + " is already stored")));
  }

  private Optional<OutboxRecord> findByKey(Connection c, OutboxRecord r, boolean lockingRead) throws SQLException {
    String lock = !lockingRead ? "" : sql.dialect() == SqlDialect.MYSQL ? " LOCK IN SHARE MODE" : " FOR UPDATE";
    try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM " + table
        + " WHERE tenant_id = ? AND idempotency_key = ?" + lock)) {
      ps.setString(1, r.tenant().value());
      ps.setString(2, r.idempotencyKey().orElseThrow());
      return readOne(ps);
    }
  }

  private Optional<OutboxRecord> findById(Connection c, String id) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM " + table + " WHERE id = ?")) {
      ps.setString(1, id);
      return readOne(ps);
    }
  }

  private void bindRecord(PreparedStatement ps, OutboxRecord r) throws SQLException {
    int p = 1;
    ps.setString(p++, r.id());
    ps.setString(p++, r.tenant().value());
    ps.setString(p++, r.channel().name());
    ps.setString(p++, r.accountId());
    ps.setString(p++, r.recipient());
    ps.setInt(p++, priorityValue(r.priority()));
    ps.setString(p++, r.idempotencyKey().orElse(null));
    ps.setString(p++, r.campaignId().orElse(null));
    ps.setString(p++, r.payload());
    ps.setString(p++, r.status().name());
    ps.setInt(p++, r.attempts());
    sql.setInstant(ps, p++, r.createdAt());
    sql.setInstant(ps, p++, r.nextAttemptAt());
    sql.setInstant(ps, p++, r.updatedAt());
    sql.setInstant(ps, p++, r.sentAt());
    ps.setString(p++, r.externalId().orElse(null));
    ps.setString(p++, r.errorCode().map(JdbcOutboxStore::cutCode).orElse(null));
    ps.setString(p, r.errorMessage().map(JdbcOutboxStore::cutError).orElse(null));
  }

  private static void validate(String prefix, OutboxRecord r, List<Violation> violations) {
    check(violations, prefix + "id", r.id(), MAX_ID);
    check(violations, prefix + "accountId", r.accountId(), MAX_ACCOUNT_ID);
    check(violations, prefix + "recipient", r.recipient(), MAX_ACCOUNT_ID);
    r.idempotencyKey().ifPresent(k -> check(violations, prefix + "idempotencyKey", k, MAX_IDEMPOTENCY_KEY));
    r.campaignId().ifPresent(k -> check(violations, prefix + "campaignId", k, MAX_CAMPAIGN_ID));
    r.externalId().ifPresent(k -> check(violations, prefix + "externalId", k, MAX_EXTERNAL_ID));
  }

  private static void check(List<Violation> violations, String field, String value, int max) {
    if (value.length() > max) {
      violations.add(new Violation(field, "at most " + max + " characters"));
    }
  }

  private static void require(String field, String value, int max) {
    List<Violation> violations = new ArrayList<>();
    check(violations, field, value, max);
    if (!violations.isEmpty()) {
      throw new ValidationException(violations);
    }
  }

  // ------------------------------------------------------------------ reads

  @Override
  public Optional<OutboxRecord> find(String id) {
    Objects.requireNonNull(id, "id");
    return jdbc.inTransaction("outbox.find", c -> findById(c, id));
  }

  @Override
  public Optional<OutboxRecord> findByExternalId(ChannelType channel, String externalId) {
    Objects.requireNonNull(channel, "channel");
    Objects.requireNonNull(externalId, "externalId");
    return jdbc.inTransaction("outbox.findByExternalId", c -> {
      try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM " + table
          + " WHERE channel = ? AND external_id = ? ORDER BY seq DESC " + sql.limit())) {
        ps.setString(1, channel.name());
        ps.setString(2, externalId);
        ps.setInt(3, 1);
        return readOne(ps);
      }
    });
  }

  @Override
  public Map<DeliveryStatus, Integer> countByCampaign(String campaignId) {
    Objects.requireNonNull(campaignId, "campaignId");
    return jdbc.inTransaction("outbox.countByCampaign", c -> {
      Map<DeliveryStatus, Integer> counts = new EnumMap<>(DeliveryStatus.class);
      try (PreparedStatement ps = c.prepareStatement("SELECT status, COUNT(*) FROM " + table
          + " WHERE campaign_id = ? GROUP BY status")) {
        ps.setString(1, campaignId);
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            counts.put(DeliveryStatus.valueOf(rs.getString(1)), rs.getInt(2));
          }
        }
      }
      return counts;
    });
  }

  @Override
  public List<OutboxRecord> list(OutboxQuery query) {
    Objects.requireNonNull(query, "query");
    StringBuilder where = new StringBuilder(" WHERE 1 = 1");
    List<String> params = new ArrayList<>();
    query.tenant().ifPresent(t -> {
      where.append(" AND tenant_id = ?");
      params.add(t.value());
    });
    if (!query.statuses().isEmpty()) {
      where.append(" AND status IN ").append(statusList(query.statuses()));
    }
    query.campaignId().ifPresent(campaign -> {
      where.append(" AND campaign_id = ?");
      params.add(campaign);
    });
    return jdbc.inTransaction("outbox.list", c -> {
      try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM " + table + where
          + " ORDER BY seq DESC " + sql.limit())) {
        int p = 1;
        for (String param : params) {
          ps.setString(p++, param);
        }
        ps.setInt(p, query.limit());
        return readAll(ps);
      }
    });
  }

  // ------------------------------------------------------------------ claimDue

  @Override
  public List<OutboxRecord> claimDue(Instant now, int limit, Duration lease, String owner) {
    Objects.requireNonNull(now, "now");
    Objects.requireNonNull(lease, "lease");
    Objects.requireNonNull(owner, "owner");
    if (limit < 0 || lease.isNegative()) {
      throw new IllegalArgumentException("limit and lease must not be negative");
    }
    require("owner", owner, MAX_OWNER);
    if (limit == 0) {
      return List.of();
    }
    Instant until = now.plus(lease);
    return jdbc.inTransaction("outbox.claimDue", c -> claim(c, now, limit, until, owner));
  }

  private List<OutboxRecord> claim(Connection c, Instant now, int limit, Instant until, String owner)
      throws SQLException {
    Map<String, Integer> position = new HashMap<>();
    List<OutboxRecord> claimed = new ArrayList<>();
    Set<String> tried = new HashSet<>();
    for (int pass = 0; pass < CLAIM_PASSES && claimed.size() < limit; pass++) {
      List<String> candidates = new ArrayList<>();
      for (String id : candidates(c, now, limit - claimed.size() + tried.size() + Math.min(limit, 50))) {
        if (tried.add(id)) {
          position.put(id, position.size());
          candidates.add(id);
        }
      }
      if (candidates.isEmpty()) {
        break;
      }
      int next = 0;
      boolean lost = false;
      while (claimed.size() < limit && next < candidates.size()) {
        List<String> batch = candidates.subList(next, Math.min(candidates.size(), next + limit - claimed.size()));
        next += batch.size();
        List<OutboxRecord> leased = lease(c, batch, now, until, owner);
        lost |= leased.size() < batch.size();
        claimed.addAll(leased);
      }
      if (!lost) {
        break; // every candidate was taken: nothing more is due
      }
    }
    claimed.sort(Comparator.comparing(r -> position.get(r.id())));
    return claimed;
  }

  /** Step 1: the ids of due messages in dispatch order; no locks. */
  private List<String> candidates(Connection c, Instant now, int count) throws SQLException {
    String query = "SELECT id FROM (SELECT id, priority, next_attempt_at, seq, ROW_NUMBER() OVER"
        + " (PARTITION BY priority, tenant_id ORDER BY next_attempt_at, seq) AS tenant_rank FROM " + table
        + " WHERE " + DUE + ") c WHERE tenant_rank <= ? ORDER BY priority, tenant_rank, next_attempt_at, seq "
        + sql.limit();
    try (PreparedStatement ps = c.prepareStatement(query)) {
      sql.setInstant(ps, 1, now);
      sql.setInstant(ps, 2, now);
      ps.setInt(3, count);
      ps.setInt(4, count);
      List<String> ids = new ArrayList<>();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          ids.add(rs.getString(1));
        }
      }
      return ids;
    }
  }

  /** Step 2: leases those of {@code ids} that are still due and unleased; returns them. */
  private List<OutboxRecord> lease(Connection c, List<String> ids, Instant now, Instant until, String owner)
      throws SQLException {
    String in = Sql.placeholders(ids.size());
    String set = "UPDATE " + table + " SET status = 'SENDING', lease_owner = ?, lease_until = ?, updated_at = ?,"
        + " claim_token = ?";
    if (postgres) {
      // a materialized CTE: locked once, then joined on the primary key. (As "WHERE id IN (SELECT ... FOR UPDATE)"
      // a planner with stale statistics may re-run the locking subquery per row: quadratic.)
      try (PreparedStatement ps = c.prepareStatement("WITH locked AS MATERIALIZED (SELECT seq FROM " + table
          + " WHERE id IN (" + in + ") AND " + DUE + " FOR UPDATE SKIP LOCKED) UPDATE " + table + " o SET"
          + " status = 'SENDING', lease_owner = ?, lease_until = ?, updated_at = ?, claim_token = ? FROM locked"
          + " WHERE o.seq = locked.seq RETURNING " + ALIASED_COLUMNS)) {
        int p = 1;
        for (String id : ids) {
          ps.setString(p++, id);
        }
        sql.setInstant(ps, p++, now);
        sql.setInstant(ps, p++, now);
        ps.setString(p++, owner);
        sql.setInstant(ps, p++, until);
        sql.setInstant(ps, p++, now);
        ps.setString(p, null);
        return readAll(ps);
      }
    }
    String token = UUID.randomUUID().toString();
    try (PreparedStatement ps = c.prepareStatement(set + " WHERE id IN (" + in + ") AND " + DUE)) {
      int p = bindLease(ps, owner, until, now, token);
      for (String id : ids) {
        ps.setString(p++, id);
      }
      sql.setInstant(ps, p++, now);
      sql.setInstant(ps, p, now);
      if (ps.executeUpdate() == 0) {
        return List.of();
      }
    }
    try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM " + table + " WHERE id IN (" + in
        + ") AND claim_token = ?")) {
      int p = 1;
      for (String id : ids) {
        ps.setString(p++, id);
      }
      ps.setString(p, token);
      return readAll(ps);
    }
  }

  private int bindLease(PreparedStatement ps, String owner, Instant until, Instant now, String token)
      throws SQLException {
    ps.setString(1, owner);
    sql.setInstant(ps, 2, until);
    sql.setInstant(ps, 3, now);
    ps.setString(4, token);
    return 5;
  }

  // ------------------------------------------------------------------ dispatcher outcomes

  @Override
  public boolean markSent(String id, String externalId, int attempts, Instant at) {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(externalId, "externalId");
    Objects.requireNonNull(at, "at");
    require("externalId", externalId, MAX_EXTERNAL_ID);
    return jdbc.inTransaction("outbox.markSent", c -> {
      try (PreparedStatement ps = c.prepareStatement("UPDATE " + table + " SET status = 'SENT', external_id = ?,"
          + " attempts = ?, sent_at = ?, updated_at = ?, " + RELEASE + " WHERE id = ? AND status IN " + PENDING)) {
        ps.setString(1, externalId);
        ps.setInt(2, attempts);
        sql.setInstant(ps, 3, at);
        sql.setInstant(ps, 4, at);
        ps.setString(5, id);
        return ps.executeUpdate() == 1;
      }
    });
  }

  @Override
  public boolean reschedule(String id, int attempts, Instant nextAttemptAt, Optional<String> errorCode, String error,
      Instant at) {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(nextAttemptAt, "nextAttemptAt");
    Objects.requireNonNull(errorCode, "errorCode");
    Objects.requireNonNull(at, "at");
    return finish("outbox.reschedule", "QUEUED", id, attempts, Optional.of(nextAttemptAt), errorCode, error, at);
  }

  @Override
  public boolean markFailed(String id, int attempts, Optional<String> errorCode, String error, Instant at) {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(errorCode, "errorCode");
    Objects.requireNonNull(at, "at");
    return finish("outbox.markFailed", "FAILED", id, attempts, Optional.empty(), errorCode, error, at);
  }

  private boolean finish(String operation, String status, String id, int attempts, Optional<Instant> next,
      Optional<String> errorCode, String error, Instant at) {
    return jdbc.inTransaction(operation, c -> {
      try (PreparedStatement ps = c.prepareStatement("UPDATE " + table + " SET status = '" + status + "', attempts = ?,"
          + (next.isPresent() ? " next_attempt_at = ?," : "") + " error_code = ?, error_message = ?, updated_at = ?, "
          + RELEASE + " WHERE id = ? AND status IN " + PENDING)) {
        int p = 1;
        ps.setInt(p++, attempts);
        if (next.isPresent()) {
          sql.setInstant(ps, p++, next.get());
        }
        ps.setString(p++, errorCode.map(JdbcOutboxStore::cutCode).orElse(null));
        ps.setString(p++, error == null ? null : cutError(error));
        sql.setInstant(ps, p++, at);
        ps.setString(p, id);
        return ps.executeUpdate() == 1;
      }
    });
  }

  // ------------------------------------------------------------------ status webhooks

  @Override
  public Optional<OutboxRecord> advance(ChannelType channel, String externalId, DeliveryStatus to, Instant at,
      Optional<String> errorCode, Optional<String> error) {
    Objects.requireNonNull(channel, "channel");
    Objects.requireNonNull(externalId, "externalId");
    Objects.requireNonNull(to, "to");
    Objects.requireNonNull(at, "at");
    Objects.requireNonNull(errorCode, "errorCode");
    Objects.requireNonNull(error, "error");
    // progress for a channel report: canAdvanceTo, from an accepted status (or FAILED from any)
    Set<DeliveryStatus> from = EnumSet.noneOf(DeliveryStatus.class);
    for (DeliveryStatus s : DeliveryStatus.values()) {
      if (s.canAdvanceTo(to) && (s.isAccepted() || to == DeliveryStatus.FAILED)) {
        from.add(s);
      }
    }
    if (from.isEmpty()) {
      return Optional.empty();
    }
    boolean failed = to == DeliveryStatus.FAILED;
    return jdbc.inTransaction("outbox.advance", c -> {
      String id;
      try (PreparedStatement ps = c.prepareStatement("SELECT id FROM " + table
          + " WHERE channel = ? AND external_id = ? ORDER BY seq DESC " + sql.limit())) {
        ps.setString(1, channel.name());
        ps.setString(2, externalId);
        ps.setInt(3, 1);
        try (ResultSet rs = ps.executeQuery()) {
          if (!rs.next()) {
            return Optional.empty();
          }
          id = rs.getString(1);
        }
      }
      String update = "UPDATE " + table + " SET status = ?, updated_at = ?"
          + (failed ? ", error_code = ?, error_message = ?" : "") + " WHERE id = ? AND status IN " + statusList(from);
      try (PreparedStatement ps = c.prepareStatement(postgres ? update + " RETURNING " + COLUMNS : update)) {
        int p = 1;
        ps.setString(p++, to.name());
        sql.setInstant(ps, p++, at);
        if (failed) {
          ps.setString(p++, errorCode.map(JdbcOutboxStore::cutCode).orElse(null));
          ps.setString(p++, error.map(JdbcOutboxStore::cutError).orElse(null));
        }
        ps.setString(p, id);
        if (postgres) {
          return readOne(ps);
        }
        if (ps.executeUpdate() == 0) {
          return Optional.empty();
        }
      }
      return findById(c, id);
    });
  }

  @Override
  public List<OutboxRecord> advanceUpTo(ChannelType channel, String accountId, String recipient, Instant watermark,
      DeliveryStatus to, Instant at) {
    Objects.requireNonNull(channel, "channel");
    Objects.requireNonNull(accountId, "accountId");
    Objects.requireNonNull(recipient, "recipient");
    Objects.requireNonNull(watermark, "watermark");
    Objects.requireNonNull(to, "to");
    Objects.requireNonNull(at, "at");
    Set<DeliveryStatus> from = EnumSet.noneOf(DeliveryStatus.class);
    for (DeliveryStatus s : DeliveryStatus.values()) {
      if (s.isAccepted() && s.canAdvanceTo(to)) {
        from.add(s);
      }
    }
    if (from.isEmpty()) {
      return List.of();
    }
    String match = " WHERE channel = ? AND account_id = ? AND recipient = ? AND sent_at IS NOT NULL AND sent_at <= ?"
        + " AND status IN " + statusList(from);
    return jdbc.inTransaction("outbox.advanceUpTo", c -> {
      if (postgres) {
        try (PreparedStatement ps = c.prepareStatement("UPDATE " + table + " SET status = ?, updated_at = ?" + match
            + " RETURNING " + COLUMNS)) {
          ps.setString(1, to.name());
          sql.setInstant(ps, 2, at);
          bindMatch(ps, 3, channel, accountId, recipient, watermark);
          return readAll(ps);
        }
      }
      List<String> candidates = new ArrayList<>();
      try (PreparedStatement ps = c.prepareStatement("SELECT id FROM " + table + match + " ORDER BY id")) {
        bindMatch(ps, 1, channel, accountId, recipient, watermark);
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            candidates.add(rs.getString(1));
          }
        }
      }
      List<String> moved = new ArrayList<>();
      try (PreparedStatement ps = c.prepareStatement("UPDATE " + table + " SET status = ?, updated_at = ?" + match
          + " AND id = ?")) {
        for (String id : candidates) {
          ps.setString(1, to.name());
          sql.setInstant(ps, 2, at);
          int p = bindMatch(ps, 3, channel, accountId, recipient, watermark);
          ps.setString(p, id);
          if (ps.executeUpdate() == 1) {
            moved.add(id);
          }
        }
      }
      if (moved.isEmpty()) {
        return List.of();
      }
      try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM " + table + " WHERE id IN ("
          + Sql.placeholders(moved.size()) + ")")) {
        for (int i = 0; i < moved.size(); i++) {
          ps.setString(i + 1, moved.get(i));
        }
        return readAll(ps);
      }
    });
  }

  private int bindMatch(PreparedStatement ps, int p, ChannelType channel, String accountId, String recipient,
      Instant watermark) throws SQLException {
    ps.setString(p++, channel.name());
    ps.setString(p++, accountId);
    ps.setString(p++, recipient);
    sql.setInstant(ps, p++, watermark);
    return p;
  }

  // ------------------------------------------------------------------ operator actions

  @Override
  public int deferAccount(ChannelType channel, String accountId, Instant until, Instant at) {
    Objects.requireNonNull(channel, "channel");
    Objects.requireNonNull(accountId, "accountId");
    Objects.requireNonNull(until, "until");
    Objects.requireNonNull(at, "at");
    return jdbc.inTransaction("outbox.deferAccount", c -> {
      try (PreparedStatement ps = c.prepareStatement("UPDATE " + table + " SET next_attempt_at = ?, updated_at = ?"
          + " WHERE channel = ? AND account_id = ? AND status = 'QUEUED'")) {
        sql.setInstant(ps, 1, until);
        sql.setInstant(ps, 2, at);
        ps.setString(3, channel.name());
        ps.setString(4, accountId);
        return ps.executeUpdate();
      }
    });
  }

  @Override
  public boolean requeue(String id, Instant at) {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(at, "at");
    return jdbc.inTransaction("outbox.requeue", c -> {
      try (PreparedStatement ps = c.prepareStatement("UPDATE " + table + " SET status = 'QUEUED', attempts = 0,"
          + " next_attempt_at = ?, updated_at = ?, error_code = NULL, error_message = NULL, " + RELEASE
          + " WHERE id = ? AND status = 'FAILED'")) {
        sql.setInstant(ps, 1, at);
        sql.setInstant(ps, 2, at);
        ps.setString(3, id);
        return ps.executeUpdate() == 1;
      }
    });
  }

  @Override
  public int cancelCampaign(String campaignId, Instant at) {
    Objects.requireNonNull(campaignId, "campaignId");
    Objects.requireNonNull(at, "at");
    return jdbc.inTransaction("outbox.cancelCampaign", c -> {
      try (PreparedStatement ps = c.prepareStatement("UPDATE " + table + " SET status = 'CANCELLED', updated_at = ?"
          + " WHERE campaign_id = ? AND status = 'QUEUED'")) {
        sql.setInstant(ps, 1, at);
        ps.setString(2, campaignId);
        return ps.executeUpdate();
      }
    });
  }

  // ------------------------------------------------------------------ mapping

  private static int priorityValue(Priority priority) {
    return switch (priority) {
      case CONVERSATIONAL -> 0;
      case BULK -> 1;
    };
  }

  private static Priority priorityOf(int value) {
    return switch (value) {
      case 0 -> Priority.CONVERSATIONAL;
      case 1 -> Priority.BULK;
      default -> throw new IllegalStateException("unknown priority value " + value);
    };
  }

  private static String statusList(Collection<DeliveryStatus> statuses) {
    // enum names only: safe to inline, and a constant list lets the database use the status index
    return statuses.stream().sorted().map(s -> "'" + s.name() + "'").collect(Collectors.joining(", ", "(", ")"));
  }

  private static String cutCode(String code) {
    return code.length() <= MAX_ERROR_CODE ? code : code.substring(0, MAX_ERROR_CODE);
  }

  private static String cutError(String error) {
    return error.length() <= MAX_ERROR ? error : error.substring(0, MAX_ERROR);
  }

  private Optional<OutboxRecord> readOne(PreparedStatement ps) throws SQLException {
    List<OutboxRecord> all = readAll(ps);
    return all.isEmpty() ? Optional.empty() : Optional.of(all.get(0));
  }

  private List<OutboxRecord> readAll(PreparedStatement ps) throws SQLException {
    List<OutboxRecord> records = new ArrayList<>();
    try (ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        records.add(read(rs));
      }
    }
    return records;
  }

  private OutboxRecord read(ResultSet rs) throws SQLException {
    return new OutboxRecord(
        rs.getString("id"),
        TenantId.of(rs.getString("tenant_id")),
        ChannelType.valueOf(rs.getString("channel")),
        rs.getString("account_id"),
        rs.getString("recipient"),
        priorityOf(rs.getInt("priority")),
        Optional.ofNullable(rs.getString("idempotency_key")),
        Optional.ofNullable(rs.getString("campaign_id")),
        rs.getString("payload"),
        DeliveryStatus.valueOf(rs.getString("status")),
        rs.getInt("attempts"),
        sql.requireInstant(rs, "created_at"),
        sql.requireInstant(rs, "next_attempt_at"),
        sql.requireInstant(rs, "updated_at"),
        sql.getInstant(rs, "sent_at"),
        Optional.ofNullable(rs.getString("external_id")),
        Optional.ofNullable(rs.getString("error_code")),
        Optional.ofNullable(rs.getString("error_message")));
  }
}
