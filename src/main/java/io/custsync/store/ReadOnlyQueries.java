package io.custsync.store;

import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.namedparam.SqlParameterSource;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Runs SQL a team wrote into its configuration (a push's {@code source-query}) in a read-only transaction of its
 * own: whatever the text says, it can read the store and change nothing in it.
 */
@Component
public class ReadOnlyQueries {

    private final NamedParameterJdbcTemplate jdbc;
    private final TransactionTemplate readOnly;
    private final String readOnlyTransaction;
    private final QueryCatalogue queries;

    /** One page of a push's source: its rows after the local id {@code after}, at most {@code limit}, by column name. */
    @FunctionalInterface
    public interface Source {
        List<Map<String, Object>> page(long after, int limit);
    }

    public ReadOnlyQueries(NamedParameterJdbcTemplate jdbc, PlatformTransactionManager transactions, QueryCatalogue queries) {
        this.jdbc = jdbc;
        this.readOnly = new TransactionTemplate(transactions);
        readOnly.setReadOnly(true);
        readOnly.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.readOnlyTransaction = queries.sql("read-only-transaction");
        this.queries = queries;
    }

    /**
     * A push's source: the team's own query ({@code sync.push.<push>.source-query}; blank for none), else the catalogue's
     * {@code query.<defaultQuery>}. Either binds {@code :after} and {@code :limit}, and runs read-only.
     */
    public Source source(String teamQuery, String defaultQuery) {
        String sql = teamQuery.isBlank() ? queries.sql(defaultQuery) : teamQuery;
        return (after, limit) -> queryForList(sql, new MapSqlParameterSource().addValue("after", after).addValue("limit", limit));
    }

    private List<Map<String, Object>> queryForList(String sql, SqlParameterSource params) {
        return readOnly.execute(status -> {
            // Said to PostgreSQL itself, not only hinted through the driver: a write in the query is an error.
            jdbc.getJdbcTemplate().execute(readOnlyTransaction);
            return jdbc.queryForList(sql, params);
        });
    }
}
