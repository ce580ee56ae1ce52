package io.custsync.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * The {@code dead_letters} table: one open letter per (flow, object, record), kept, refused again, resolved, replayed
 * or discarded. What a letter means and when to keep one is the sync's ({@code sync.DeadLetters}); this is its storage.
 */
@Repository
public class DeadLetterStore {

    /** A record to keep: {@code recordKey} names it (its id, or its payload's hash), {@code version} what "changed" compares. */
    public record NewLetter(String flow, String object, String externalId, String recordKey, Long localId, long runId,
                            byte[] payload, String contentType, String version, String errorCode, String errorMessage) {}

    /** A letter as an operator sees it; {@code payload}, {@code contentType} and {@code recordVersion} only when read alone. */
    public record Letter(long id, String flow, String object, String externalId, Long localId, Long runId, byte[] payload,
                         String contentType, String errorCode, String errorMessage, String status, int attempts,
                         String discardReason, Instant createdAt, Instant lastAttemptAt, Instant resolvedAt, Long resolvedRunId,
                         String recordVersion) {}

    private final NamedParameterJdbcTemplate jdbc;
    private final QueryCatalogue queries;

    public DeadLetterStore(NamedParameterJdbcTemplate jdbc, QueryCatalogue queries) {
        this.jdbc = jdbc;
        this.queries = queries;
    }

    /**
     * Opens a letter, or updates the record's open one; nothing when an operator discarded this very version.
     * @return the letter's attempts (1: a new letter), or empty when nothing was kept
     */
    public Optional<Integer> keep(NewLetter letter) {
        return jdbc.queryForList(queries.sql("keep-dead-letter"), new MapSqlParameterSource()
                .addValue("flow", letter.flow()).addValue("object", letter.object()).addValue("externalId", letter.externalId())
                .addValue("recordKey", letter.recordKey()).addValue("localId", letter.localId()).addValue("runId", letter.runId())
                .addValue("payload", letter.payload()).addValue("contentType", letter.contentType()).addValue("version", letter.version())
                .addValue("errorCode", letter.errorCode()).addValue("errorMessage", letter.errorMessage()), Integer.class)
                .stream().findFirst();
    }

    /** Whether the flow has any letter whose record is held back (open or discarded). */
    public boolean anyRefused(String flow) {
        return Boolean.TRUE.equals(jdbc.queryForObject(queries.sql("any-refused-dead-letters"), new MapSqlParameterSource("flow", flow),
                Boolean.class));
    }

    /** record key → the versions of it that are refused (open or discarded letters), for a page of records. */
    public Map<String, Set<String>> refusedVersions(String flow, String object, Collection<String> keys) {
        Map<String, Set<String>> out = new HashMap<>();
        if (keys.isEmpty()) {
            return out;
        }
        jdbc.query(queries.sql("refused-dead-letter-versions"), new MapSqlParameterSource().addValue("flow", flow)
                .addValue("object", object).addValue("keys", SqlArrays.text(keys)), rs -> {
                    out.computeIfAbsent(rs.getString("record_key"), k -> new HashSet<>()).add(rs.getString("record_version"));
                });
        return out;
    }

    /** Resolves the open letters of these records, with the run that synced them; returns how many. */
    public int resolve(String flow, String object, Collection<String> keys, long runId) {
        return jdbc.update(queries.sql("resolve-dead-letters"), new MapSqlParameterSource().addValue("flow", flow)
                .addValue("object", object).addValue("keys", SqlArrays.text(keys)).addValue("runId", runId));
    }

    /** Letters by id, each filter null for any; {@code error} matches the code or a part of the message. */
    public List<Letter> list(String flow, String object, String error, String status, int limit) {
        return jdbc.query(queries.sql("list-dead-letters"), new MapSqlParameterSource()
                .addValue("flow", flow).addValue("object", object).addValue("error", error)
                .addValue("status", status).addValue("limit", limit), (rs, i) -> letter(rs, false));
    }

    /** One letter with its payload. */
    public Optional<Letter> get(long id) {
        return jdbc.query(queries.sql("dead-letter"), new MapSqlParameterSource("id", id), (rs, i) -> letter(rs, true)).stream().findFirst();
    }

    public List<Long> openIds(String flow) {
        return jdbc.queryForList(queries.sql("open-dead-letter-ids-of-flow"), new MapSqlParameterSource("flow", flow), Long.class);
    }

    public long openCount(String flow) {
        return jdbc.queryForObject(queries.sql("open-dead-letters-of-flow"), new MapSqlParameterSource("flow", flow), Long.class);
    }

    /** An open letter replayed by run {@code runId}. */
    public void replayed(long id, long runId) {
        jdbc.update(queries.sql("dead-letter-replayed"), new MapSqlParameterSource("id", id).addValue("runId", runId));
    }

    /** A push's replay run {@code runId} resolved the letter: it was replayed. @return whether it had */
    public boolean resolvedByReplay(long id, long runId) {
        return jdbc.update(queries.sql("dead-letter-resolved-by-replay"), new MapSqlParameterSource("id", id).addValue("runId", runId)) == 1;
    }

    /** A replay failed: one more attempt, with its reason. */
    public void failedAgain(long id, String errorCode, String errorMessage) {
        jdbc.update(queries.sql("dead-letter-failed-again"), new MapSqlParameterSource("id", id)
                .addValue("errorCode", errorCode).addValue("errorMessage", errorMessage));
    }

    /** @return false when the letter is not open */
    public boolean discard(long id, String reason) {
        return jdbc.update(queries.sql("dead-letter-discarded"), new MapSqlParameterSource("id", id).addValue("reason", reason)) == 1;
    }

    private static Letter letter(ResultSet rs, boolean whole) throws SQLException {
        return new Letter(rs.getLong("id"), rs.getString("flow"), rs.getString("object"), rs.getString("external_id"),
                rs.getObject("local_id", Long.class), rs.getObject("run_id", Long.class), whole ? rs.getBytes("payload") : null,
                whole ? rs.getString("content_type") : null, rs.getString("error_code"), rs.getString("error_message"),
                rs.getString("status"), rs.getInt("attempts"), rs.getString("discard_reason"), instant(rs.getTimestamp("created_at")),
                instant(rs.getTimestamp("last_attempt_at")), instant(rs.getTimestamp("resolved_at")),
                rs.getObject("resolved_run_id", Long.class), whole ? rs.getString("record_version") : null);
    }

    private static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }
}
