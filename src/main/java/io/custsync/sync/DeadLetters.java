package io.custsync.sync;

import io.custsync.store.QueryCatalogue;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;

/** Keeps a record the flow could not handle, byte for byte, with the reason, for an operator to replay. */
@Component
public class DeadLetters {

    private final NamedParameterJdbcTemplate jdbc;
    private final QueryCatalogue queries;

    public DeadLetters(NamedParameterJdbcTemplate jdbc, QueryCatalogue queries) {
        this.jdbc = jdbc;
        this.queries = queries;
    }

    public void add(SyncRun run, String object, String externalId, byte[] payload, String errorCode, String errorMessage) {
        jdbc.update(queries.sql("insert-dead-letter"), new MapSqlParameterSource()
                .addValue("flow", run.flow()).addValue("object", object).addValue("externalId", externalId)
                .addValue("runId", run.id()).addValue("payload", payload).addValue("contentType", "application/json")
                .addValue("errorCode", errorCode).addValue("errorMessage", errorMessage));
        run.deadLettered(1);
    }
}
