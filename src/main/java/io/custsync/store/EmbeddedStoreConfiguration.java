package io.custsync.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The default store: an embedded PostgreSQL 17 whose data directory lives under {@code ./data/} so that a
 * restart keeps the data. Only when no {@code spring.datasource.url} is set; otherwise Spring Boot's own
 * data source points at the real PostgreSQL and nothing embedded starts.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnExpression("'${spring.datasource.url:}'.isBlank()")
@EnableConfigurationProperties(EmbeddedStoreProperties.class)
public class EmbeddedStoreConfiguration {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedStoreConfiguration.class);

    @Bean(destroyMethod = "close")
    EmbeddedPostgres embeddedPostgres(EmbeddedStoreProperties props) {
        Path dataDir = props.getDataDir().toAbsolutePath().normalize();
        // Binaries are unpacked beside the data, not in /tmp: the service writes nowhere but data/.
        Path binDir = props.getWorkDir().toAbsolutePath().normalize();
        try {
            Files.createDirectories(dataDir);
            Files.createDirectories(binDir);
            EmbeddedPostgres pg = EmbeddedPostgres.builder()
                    .setDataDirectory(dataDir)
                    .setCleanDataDirectory(false)
                    .setOverrideWorkingDirectory(binDir.toFile())
                    .setPort(props.getPort())
                    .setServerConfig("max_connections", "50")
                    // TCP only: no socket file in /tmp.
                    .setServerConfig("unix_socket_directories", "")
                    // Stopped by this bean's close, after the flows (FlowsShutdown, Camel): its own JVM shutdown hook
                    // would stop it at once, beside Spring's, while runs in flight still write to it.
                    .setRegisterShutdownHook(false)
                    .start();
            log.info("Embedded PostgreSQL started on port {} with data in {} (set SPRING_DATASOURCE_URL to use a real PostgreSQL)",
                    pg.getPort(), dataDir);
            return pg;
        } catch (IOException e) {
            throw new UncheckedIOException("Embedded PostgreSQL could not start with data directory " + dataDir
                    + " (is another instance using it?)", e);
        }
    }

    @Bean(destroyMethod = "close")
    DataSource dataSource(EmbeddedPostgres pg, EmbeddedStoreProperties props) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(pg.getJdbcUrl("postgres", "postgres"));
        config.setPoolName("embedded-store");
        config.setMaximumPoolSize(props.getPoolSize());
        return new HikariDataSource(config);
    }
}
