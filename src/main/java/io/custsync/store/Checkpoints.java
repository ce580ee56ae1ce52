package io.custsync.store;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * One cursor per flow. Callers move it inside the transaction that commits the rows it covers, so a crash
 * can only leave it behind the data, never ahead of it.
 */
@Component
public class Checkpoints {

    /** Where a flow got to: the newest source time it has fully stored, and the id that broke ties there. */
    public record Checkpoint(Instant time, String id) {}

    private final NamedParameterJdbcTemplate jdbc;
    private final QueryCatalogue queries;

    public Checkpoints(NamedParameterJdbcTemplate jdbc, QueryCatalogue queries) {
        this.jdbc = jdbc;
        this.queries = queries;
    }

    public Optional<Checkpoint> get(String flow) {
        List<Checkpoint> found = jdbc.query(queries.sql("select-checkpoint"), new MapSqlParameterSource("flow", flow),
                (rs, i) -> new Checkpoint(rs.getTimestamp("cursor_time") == null ? null : rs.getTimestamp("cursor_time").toInstant(),
                        rs.getString("cursor_id")));
        return found.stream().findFirst();
    }

    /**
     * A windowed flow's reach: its checkpoint time (null before its first complete run), how far back its reads have
     * gone (null: not known, from before this was kept), and the start of a re-pull an operator asked for (or null).
     */
    public record Window(Instant checkpoint, Instant readFrom, Instant repullFrom) {}

    public Window window(String flow) {
        return jdbc.query(queries.sql("select-read-window"), new MapSqlParameterSource("flow", flow), (rs, i) -> new Window(
                instant(rs.getTimestamp("cursor_time")), instant(rs.getTimestamp("read_from")), instant(rs.getTimestamp("repull_from"))))
                .stream().findFirst().orElse(new Window(null, null, null));
    }

    /** The flow's next run reads back to {@code from} at least (an earlier pending request wins). */
    public void requestRepull(String flow, Instant from) {
        jdbc.update(queries.sql("request-repull"), new MapSqlParameterSource("flow", flow).addValue("from", Timestamp.from(from)));
    }

    /**
     * A complete run read back to {@code from} (null: no further than before): the reach widens to it, and the re-pull
     * it served ({@code repull}, as read when the run began; null for none) is done unless a newer one came in meanwhile.
     */
    public void windowRead(String flow, Instant from, Instant repull) {
        jdbc.update(queries.sql("window-read"), new MapSqlParameterSource("flow", flow)
                .addValue("from", from == null ? null : Timestamp.from(from), java.sql.Types.TIMESTAMP)
                .addValue("repull", repull == null ? null : Timestamp.from(repull), java.sql.Types.TIMESTAMP));
    }

    /** Takes the flow's reach to be {@code from}, unless it is known already. */
    public void assumeReadFrom(String flow, Instant from) {
        jdbc.update(queries.sql("assume-read-from"), new MapSqlParameterSource("flow", flow).addValue("from", Timestamp.from(from)));
    }

    private static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }

    /** Moves the cursor forward only: an older time (a re-read page) never moves it back. */
    public void advance(String flow, Instant time, String id) {
        jdbc.update(queries.sql("advance-checkpoint"), new MapSqlParameterSource()
                .addValue("flow", flow).addValue("time", Timestamp.from(time)).addValue("id", id));
    }
}
