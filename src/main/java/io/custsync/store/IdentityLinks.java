package io.custsync.store;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * Which local row an external record is: {@code (system, object, external id) → local id}. Every operation takes
 * a page's worth of records at once (one statement); the single-record forms are that with a page of one.
 */
@Repository
public class IdentityLinks {

    /** One external record linked to its local row, as seen by a source at {@code sourceUpdatedAt} (may be null). */
    public record Link(String externalId, long localId, Instant sourceUpdatedAt) {}

    private final NamedParameterJdbcTemplate jdbc;
    private final QueryCatalogue queries;

    public IdentityLinks(NamedParameterJdbcTemplate jdbc, QueryCatalogue queries) {
        this.jdbc = jdbc;
        this.queries = queries;
    }

    public Optional<Long> find(String system, String object, String externalId) {
        return Optional.ofNullable(find(system, object, List.of(externalId)).get(externalId));
    }

    /** External id → local id, for those of {@code externalIds} that are linked. */
    public Map<String, Long> find(String system, String object, Collection<String> externalIds) {
        Map<String, Long> found = new HashMap<>();
        links(system, object, externalIds).forEach((id, link) -> found.put(id, link.localId()));
        return found;
    }

    /** The source's last modification time we stored for this record, if any: for skipping re-read records. */
    public Optional<Instant> sourceUpdatedAt(String system, String object, String externalId) {
        return Optional.ofNullable(sourceUpdatedAt(system, object, List.of(externalId)).get(externalId));
    }

    /** External id → stored source modification time, for those of {@code externalIds} that have one. */
    public Map<String, Instant> sourceUpdatedAt(String system, String object, Collection<String> externalIds) {
        Map<String, Instant> found = new HashMap<>();
        links(system, object, externalIds).forEach((id, link) -> {
            if (link.sourceUpdatedAt() != null) {
                found.put(id, link.sourceUpdatedAt());
            }
        });
        return found;
    }

    private Map<String, Link> links(String system, String object, Collection<String> externalIds) {
        Map<String, Link> found = new HashMap<>();
        if (!externalIds.isEmpty()) {
            jdbc.query(queries.sql("find-links"), key(system, object, externalIds), rs -> {
                found.put(rs.getString("external_id"),
                        new Link(rs.getString("external_id"), rs.getLong("local_id"), instant(rs.getTimestamp("source_updated_at"))));
            });
        }
        return found;
    }

    /**
     * Links the external record to the local row (one external record per local row and system) and notes
     * that run {@code runId} saw it; {@code runId} null leaves the last-seen run as it was.
     */
    public void link(String system, String object, String externalId, long localId, Instant sourceUpdatedAt, Long runId) {
        link(system, object, List.of(new Link(externalId, localId, sourceUpdatedAt)), runId);
    }

    /** {@link #link(String, String, String, long, Instant, Long)} for a page of links, in two statements. */
    public void link(String system, String object, List<Link> links, Long runId) {
        if (links.isEmpty()) {
            return;
        }
        List<String> externalIds = new ArrayList<>(links.size());
        List<Long> localIds = new ArrayList<>(links.size());
        List<Timestamp> times = new ArrayList<>(links.size());
        for (Link link : links.stream().sorted(java.util.Comparator.comparing(Link::externalId)).toList()) {
            externalIds.add(link.externalId());
            localIds.add(link.localId());
            times.add(link.sourceUpdatedAt() == null ? null : Timestamp.from(link.sourceUpdatedAt()));
        }
        MapSqlParameterSource params = key(system, object, externalIds).addValue("localIds", SqlArrays.bigint(localIds))
                .addValue("sourceUpdatedAts", SqlArrays.timestamptz(times)).addValue("runId", runId);
        jdbc.update(queries.sql("delete-other-links-of-locals"), params);
        jdbc.update(queries.sql("upsert-links"), params);
    }

    private static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }

    private static MapSqlParameterSource key(String system, String object, Collection<String> externalIds) {
        return new MapSqlParameterSource().addValue("system", system).addValue("object", object)
                .addValue("externalIds", SqlArrays.text(externalIds));
    }
}
