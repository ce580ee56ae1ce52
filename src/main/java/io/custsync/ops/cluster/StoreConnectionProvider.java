package io.custsync.ops.cluster;

import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.quartz.utils.ConnectionProvider;

/** Quartz's job store uses the service's own connection pool (embedded or real PostgreSQL). */
final class StoreConnectionProvider implements ConnectionProvider {

    private final DataSource dataSource;

    StoreConnectionProvider(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public Connection getConnection() throws SQLException {
        return dataSource.getConnection();
    }

    @Override
    public void shutdown() {
        // the pool belongs to the application context
    }

    @Override
    public void initialize() {
        // nothing to set up: the pool exists already
    }
}
