package io.custsync.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Repository;

/** The {@code sync_runs} history: a run's row from its begin to its end, and what operations read of it. */
@Repository
public class SyncRunStore {

    /** A run as the history keeps it; the counts are those of its end (0 while it runs). */
    public record RunRow(long id, Instant startedAt, Instant finishedAt, String outcome, boolean dryRun, Long replayOf,
                         long read, long written, long skipped, long deadLettered, long apiCalls, long rateLimited,
                         String message, String report, String node) {}

    /** The counts and outcome a run ends with; {@code report} is JSON, or null. */
    public record RunEnd(long id, String outcome, String message, long read, long written, long skipped, long deadLettered,
                         long apiCalls, long rateLimited, String report) {}

    /** A run still marked running: its id, flow and the node ({@code host:pid:boot}) that runs it. */
    public record Running(long id, String flow, String node) {}

    /** A run still marked running, as the status shows it. */
    public record Current(long id, Instant startedAt, boolean dryRun) {}

    /** How a run ended (or that it still runs: outcome {@code running}); a replay's answers no count and no report. */
    public record Ended(long id, String outcome, long read, String message, String report) {}

    private final NamedParameterJdbcTemplate jdbc;
    private final QueryCatalogue queries;

    public SyncRunStore(NamedParameterJdbcTemplate jdbc, QueryCatalogue queries) {
        this.jdbc = jdbc;
        this.queries = queries;
    }

    /** @return the new run's id */
    public long insert(String flow, boolean dryRun, String node, Instant firedAt, Long replayOf) {
        return jdbc.queryForObject(queries.sql("insert-sync-run"), new MapSqlParameterSource()
                .addValue("flow", flow).addValue("dryRun", dryRun).addValue("node", node)
                .addValue("firedAt", firedAt == null ? null : Timestamp.from(firedAt))
                .addValue("replayOf", replayOf), Long.class);
    }

    public void finish(RunEnd end) {
        jdbc.update(queries.sql("finish-sync-run"), new MapSqlParameterSource()
                .addValue("id", end.id()).addValue("outcome", end.outcome()).addValue("message", end.message())
                .addValue("read", end.read()).addValue("written", end.written()).addValue("skipped", end.skipped())
                .addValue("deadLettered", end.deadLettered()).addValue("apiCalls", end.apiCalls())
                .addValue("rateLimited", end.rateLimited()).addValue("report", end.report()));
    }

    /** Closes as interrupted every run of the flow still marked running; returns how many. */
    public int interruptRunningRunsOf(String flow) {
        return jdbc.update(queries.sql("interrupt-running-runs-of-flow"), new MapSqlParameterSource("flow", flow));
    }

    /** Closes one run as interrupted by a stop, if it is still marked running. */
    public void interrupt(long id) {
        jdbc.update(queries.sql("interrupt-run"), new MapSqlParameterSource("id", id));
    }

    /** Runs marked running by nodes whose name starts with {@code hostPrefix} ({@code host:%}). */
    public List<Running> runningOfHost(String hostPrefix) {
        return jdbc.query(queries.sql("running-runs-of-host"), new MapSqlParameterSource("hostPrefix", hostPrefix),
                (rs, i) -> new Running(rs.getLong("id"), rs.getString("flow"), rs.getString("node")));
    }

    /** Whether the flow ever had a complete run (not a dry run, not a replay). */
    public boolean everSucceeded(String flow) {
        return Boolean.TRUE.equals(jdbc.queryForObject(queries.sql("flow-ever-succeeded"), new MapSqlParameterSource("flow", flow),
                Boolean.class));
    }

    /** Whether the flow's last run skipped, waiting for another flow's first complete run. */
    public boolean lastRunWasWaiting(String flow) {
        return Boolean.TRUE.equals(jdbc.queryForObject(queries.sql("last-run-was-waiting"), new MapSqlParameterSource("flow", flow),
                Boolean.class));
    }

    /** When the flow's last complete run (succeeded, not a dry run nor a replay) finished, if it had one. */
    public Optional<Instant> lastComplete(String flow) {
        return Optional.ofNullable(instant(jdbc.queryForObject(queries.sql("last-complete-run"), new MapSqlParameterSource("flow", flow),
                Timestamp.class)));
    }

    /** When the flow's first succeeded run started, if it had one. */
    public Optional<Instant> firstSucceeded(String flow) {
        return Optional.ofNullable(instant(jdbc.queryForObject(queries.sql("first-succeeded-run"), new MapSqlParameterSource("flow", flow),
                Timestamp.class)));
    }

    /** The flow's newest run id (0: none): a run fired after this has a greater one. */
    public long lastRunId(String flow) {
        return jdbc.queryForObject(queries.sql("last-run-id"), new MapSqlParameterSource("flow", flow), Long.class);
    }

    /** The flow's first dry run after run {@code after}, ended or not. */
    public Optional<Ended> dryRunAfter(String flow, long after) {
        return jdbc.query(queries.sql("dry-run-after"), new MapSqlParameterSource("flow", flow).addValue("after", after),
                (rs, i) -> new Ended(rs.getLong("id"), rs.getString("outcome"), rs.getLong("records_read"), rs.getString("message"),
                        rs.getString("report"))).stream().findFirst();
    }

    /** The first ended run of the flow after run {@code after} that replayed dead letter {@code letter}. */
    public Optional<Ended> replayRunEnded(String flow, long after, long letter) {
        return jdbc.query(queries.sql("replay-run-ended"), new MapSqlParameterSource("flow", flow).addValue("after", after)
                .addValue("letter", letter), (rs, i) -> new Ended(rs.getLong("id"), rs.getString("outcome"), 0,
                rs.getString("message"), null)).stream().findFirst();
    }

    /** The flow's run going on, if any. */
    public Optional<Current> running(String flow) {
        return jdbc.query(queries.sql("running-run"), new MapSqlParameterSource("flow", flow),
                (rs, i) -> new Current(rs.getLong("id"), instant(rs.getTimestamp("started_at")), rs.getBoolean("dry_run")))
                .stream().findFirst();
    }

    /** The flow's newest runs (dry runs apart), newest first. */
    public List<RunRow> recent(String flow, int limit) {
        return jdbc.query(queries.sql("recent-runs"), new MapSqlParameterSource("flow", flow).addValue("limit", limit),
                (rs, i) -> row(rs));
    }

    /** The flow's last ended dry run. */
    public Optional<RunRow> lastDryRun(String flow) {
        return jdbc.query(queries.sql("last-dry-run"), new MapSqlParameterSource("flow", flow), (rs, i) -> row(rs)).stream().findFirst();
    }

    private static RunRow row(ResultSet rs) throws SQLException {
        return new RunRow(rs.getLong("id"), instant(rs.getTimestamp("started_at")), instant(rs.getTimestamp("finished_at")),
                rs.getString("outcome"), rs.getBoolean("dry_run"), rs.getObject("replay_of", Long.class),
                rs.getLong("records_read"), rs.getLong("records_written"), rs.getLong("records_skipped"),
                rs.getLong("records_dead_lettered"), rs.getLong("api_calls"), rs.getLong("rate_limited"),
                rs.getString("message"), rs.getString("report"), rs.getString("node"));
    }

    private static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }
}
