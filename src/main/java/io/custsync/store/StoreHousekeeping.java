package io.custsync.store;

import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;

/** What the nightly {@code store-housekeeping} route deletes: history older than the retention. */
@Component("storeHousekeeping")
public class StoreHousekeeping {

    private final NamedParameterJdbcTemplate jdbc;
    private final QueryCatalogue queries;

    public StoreHousekeeping(NamedParameterJdbcTemplate jdbc, QueryCatalogue queries) {
        this.jdbc = jdbc;
        this.queries = queries;
    }

    /** Deletes sync runs, closed (resolved, replayed, discarded) dead letters and held conversations and handled webhook notifications older than {@code retentionDays}. */
    public void prune(int retentionDays) {
        MapSqlParameterSource retention = new MapSqlParameterSource("retentionDays", retentionDays);
        for (String query : new String[] {"prune-sync-runs", "prune-dead-letters", "prune-held-conversations", "prune-webhook-inbox"}) {
            jdbc.update(queries.sql(query), retention);
        }
    }
}
