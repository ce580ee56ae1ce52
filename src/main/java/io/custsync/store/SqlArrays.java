package io.custsync.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.Collection;
import org.springframework.jdbc.core.support.AbstractSqlTypeValue;

/**
 * A whole column of a page bound as one PostgreSQL array parameter, for the multi-row statements of the query
 * catalogue ({@code unnest(CAST(:names AS text[]))}, {@code = ANY(CAST(:ids AS text[]))}): one round trip per
 * page instead of one per record, and still a bound parameter, never SQL text.
 */
public final class SqlArrays {

    private SqlArrays() {}

    public static AbstractSqlTypeValue text(Collection<String> values) {
        return of("text", values.toArray(String[]::new));
    }

    public static AbstractSqlTypeValue bigint(Collection<Long> values) {
        return of("int8", values.toArray(Long[]::new));
    }

    public static AbstractSqlTypeValue timestamptz(Collection<Timestamp> values) {
        return of("timestamptz", values.toArray(Timestamp[]::new));
    }

    private static AbstractSqlTypeValue of(String type, Object[] values) {
        return new AbstractSqlTypeValue() {
            @Override
            protected Object createTypeValue(Connection connection, int sqlType, String typeName) throws SQLException {
                return connection.createArrayOf(type, values);
            }
        };
    }
}
