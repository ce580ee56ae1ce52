package io.custsync.store;

import java.sql.Array;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * What the matching rules (io.custsync.sync.identity) need to know about a page of records with one statement,
 * and the ambiguities they leave to an operator (merge_candidates).
 */
@Repository
public class IdentityMatches {

    /**
     * A record of a page to resolve: its id in its system, its own common id (customer_id, contact_id) and the
     * value the value rule matches on (a customer's normalised domain, a contact's lower-cased email), or null.
     */
    public record Probe(String externalId, String key, String value) {}

    /** A local row: id and key (customer_id, contact_id). */
    public record Row(long id, String key) {}

    /** For one probe: the linked row (or null), whether its own key is a row, the rows with its value not linked to its system. */
    public record Facts(String externalId, Row linked, boolean keyExists, List<Row> candidates) {}

    /** An ambiguity: the record and the local rows a rule found for it. */
    public record Candidates(String externalId, List<Long> localIds, String rule) {}

    private final NamedParameterJdbcTemplate jdbc;
    private final QueryCatalogue queries;

    public IdentityMatches(NamedParameterJdbcTemplate jdbc, QueryCatalogue queries) {
        this.jdbc = jdbc;
        this.queries = queries;
    }

    /** The facts of each customer probe, in order; the value is the normalised domain. */
    public List<Facts> customerFacts(String system, List<Probe> probes) {
        return facts("customer-match-facts", system, probes);
    }

    /** The facts of each contact probe, in order; the value is the lower-cased email; merged contacts never match. */
    public List<Facts> contactFacts(String system, List<Probe> probes) {
        return facts("contact-match-facts", system, probes);
    }

    private List<Facts> facts(String query, String system, List<Probe> probes) {
        List<Facts> facts = new ArrayList<>(probes.size());
        if (probes.isEmpty()) {
            return facts;
        }
        MapSqlParameterSource params = new MapSqlParameterSource().addValue("system", system)
                .addValue("externalIds", SqlArrays.text(probes.stream().map(Probe::externalId).toList()))
                .addValue("keys", SqlArrays.text(probes.stream().map(Probe::key).toList()))
                .addValue("matchValues", SqlArrays.text(probes.stream().map(Probe::value).toList()));
        jdbc.query(queries.sql(query), params, rs -> {
            long linkedId = rs.getLong("linked_id");
            Row linked = rs.wasNull() ? null : new Row(linkedId, rs.getString("linked_key"));
            facts.add(new Facts(rs.getString("external_id"), linked, rs.getBoolean("key_exists"),
                    rows(rs.getArray("candidate_ids"), rs.getArray("candidate_keys"))));
        });
        return facts;
    }

    /** Notes each ambiguity once; one an operator already decided is left as decided. */
    public void noteCandidates(String object, String system, List<Candidates> found) {
        if (found.isEmpty()) {
            return;
        }
        List<String> ids = new ArrayList<>();
        List<String> candidates = new ArrayList<>();
        List<String> rules = new ArrayList<>();
        for (Candidates c : found) {
            ids.add(c.externalId());
            candidates.add(String.join(",", c.localIds().stream().map(String::valueOf).toList()));
            rules.add(c.rule());
        }
        jdbc.update(queries.sql("note-merge-candidates"), new MapSqlParameterSource().addValue("object", object)
                .addValue("system", system).addValue("externalIds", SqlArrays.text(ids))
                .addValue("candidates", SqlArrays.text(candidates)).addValue("rules", SqlArrays.text(rules)));
    }

    private static List<Row> rows(Array ids, Array keys) throws SQLException {
        if (ids == null) {
            return List.of();
        }
        Long[] localIds = (Long[]) ids.getArray();
        String[] localKeys = (String[]) keys.getArray();
        List<Row> rows = new ArrayList<>(localIds.length);
        for (int i = 0; i < localIds.length; i++) {
            rows.add(new Row(localIds[i], localKeys[i]));
        }
        return rows;
    }
}
