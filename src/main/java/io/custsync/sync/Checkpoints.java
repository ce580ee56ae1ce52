package io.custsync.sync;

import io.custsync.store.QueryCatalogue;
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

    /** Moves the cursor forward only: an older time (a re-read page) never moves it back. */
    public void advance(String flow, Instant time, String id) {
        jdbc.update(queries.sql("advance-checkpoint"), new MapSqlParameterSource()
                .addValue("flow", flow).addValue("time", Timestamp.from(time)).addValue("id", id));
    }
}
