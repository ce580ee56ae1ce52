package io.custsync.store;

import java.sql.Timestamp;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Repository;

/** Which local row an external record is: {@code (system, object, external id) → local id}. */
@Repository
public class IdentityLinks {

    private final NamedParameterJdbcTemplate jdbc;
    private final QueryCatalogue queries;

    public IdentityLinks(NamedParameterJdbcTemplate jdbc, QueryCatalogue queries) {
        this.jdbc = jdbc;
        this.queries = queries;
    }

    public Optional<Long> find(String system, String object, String externalId) {
        List<Long> ids = jdbc.queryForList(queries.sql("find-link"), key(system, object, externalId), Long.class);
        return ids.stream().findFirst();
    }

    /** The source's last modification time we stored for this record, if any: for skipping re-read records. */
    public Optional<Timestamp> sourceUpdatedAt(String system, String object, String externalId) {
        List<Timestamp> found = jdbc.queryForList(queries.sql("source-updated-at"), key(system, object, externalId), Timestamp.class);
        return found.stream().filter(t -> t != null).findFirst();
    }

    /**
     * Links the external record to the local row (one external record per local row and system) and notes
     * that run {@code runId} saw it; {@code runId} null leaves the last-seen run as it was.
     */
    public void link(String system, String object, String externalId, long localId, Timestamp sourceUpdatedAt, Long runId) {
        MapSqlParameterSource params = key(system, object, externalId).addValue("localId", localId)
                .addValue("sourceUpdatedAt", sourceUpdatedAt).addValue("runId", runId);
        jdbc.update(queries.sql("delete-link-of-local"), params);
        jdbc.update(queries.sql("upsert-link"), params);
    }

    private static MapSqlParameterSource key(String system, String object, String externalId) {
        return new MapSqlParameterSource().addValue("system", system).addValue("object", object).addValue("externalId", externalId);
    }
}
