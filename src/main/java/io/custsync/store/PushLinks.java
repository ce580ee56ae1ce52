package io.custsync.store;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Repository;

/** Identity links as a push needs them: a page's Intercom ids at once, a new link once Intercom answered, a dropped one after a delete. */
@Repository
public class PushLinks {

    private final NamedParameterJdbcTemplate jdbc;
    private final QueryCatalogue queries;
    private final IdentityLinks links;

    public PushLinks(NamedParameterJdbcTemplate jdbc, QueryCatalogue queries, IdentityLinks links) {
        this.jdbc = jdbc;
        this.queries = queries;
        this.links = links;
    }

    /** local id → Intercom id, for one page of local rows. */
    public Map<Long, String> intercomIds(String object, Collection<Long> localIds) {
        Map<Long, String> out = new HashMap<>();
        if (localIds.isEmpty()) {
            return out;
        }
        jdbc.query(queries.sql("push-links-of-locals"), new MapSqlParameterSource().addValue("object", object)
                .addValue("localIds", localIds), rs -> {
                    out.put(rs.getLong("local_id"), rs.getString("external_id"));
                });
        return out;
    }

    public void link(String object, String intercomId, long localId) {
        links.link("intercom", object, intercomId, localId, null, null);
    }

    public void forget(String object, String intercomId) {
        jdbc.update(queries.sql("push-forget-link"), new MapSqlParameterSource().addValue("object", object).addValue("externalId", intercomId));
    }
}
