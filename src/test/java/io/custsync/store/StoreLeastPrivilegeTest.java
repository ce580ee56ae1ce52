package io.custsync.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.custsync.TestService;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.Properties;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.dao.DataAccessException;

/**
 * The embedded store runs with least privilege: password (SCRAM) logins only, the service connected as a role that
 * owns its schema and nothing more, a team's push source query read-only. Started on a data directory left by an
 * earlier version (trust logins, every table owned by the superuser), which must keep working after the upgrade.
 */
@ExtendWith(OutputCaptureExtension.class)
class StoreLeastPrivilegeTest {

    private static final String WRITING_SOURCE_QUERY = "WITH changed AS (UPDATE customers SET name = 'pwned' WHERE id > :after "
            + "RETURNING id, healthscore, csm_pulse) SELECT id AS customer_id, healthscore, csm_pulse FROM changed ORDER BY id LIMIT :limit";

    private static Path dataDir;
    private static TestService service;
    private static CapturedOutput output;

    @BeforeAll
    static void start(CapturedOutput captured) throws Exception {
        output = captured;
        dataDir = TestService.newStoreDir().resolve("postgres");
        // What an earlier version left: initdb's trust logins, the schema migrated and filled as the superuser.
        try (EmbeddedPostgres earlier = EmbeddedPostgres.builder().setDataDirectory(dataDir).setCleanDataDirectory(false)
                .setOverrideWorkingDirectory(TestService.POSTGRES_BIN.toFile()).setServerConfig("unix_socket_directories", "").start()) {
            Flyway.configure().dataSource(earlier.getPostgresDatabase()).locations("classpath:db/migration").load().migrate();
            try (Connection c = earlier.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
                s.execute("INSERT INTO customers (customer_id, name) VALUES ('kept-across-the-upgrade', 'Kept Ltd')");
            }
        }
        Map<String, Object> props = TestService.defaults(dataDir.getParent());
        props.put("sync.push.healthscore.source-query", WRITING_SOURCE_QUERY);
        service = TestService.start(props);
    }

    @AfterAll
    static void stop() {
        service.close();
    }

    private static int port() {
        return service.context().getBean(EmbeddedPostgres.class).getPort();
    }

    private static Connection connect(String user, String password) throws SQLException {
        Properties p = new Properties();
        p.setProperty("user", user);
        if (password != null) {
            p.setProperty("password", password);
        }
        return DriverManager.getConnection("jdbc:postgresql://localhost:" + port() + "/postgres", p);
    }

    @Test
    void theServiceIsARoleThatOwnsItsSchemaAndIsNoSuperuser() {
        assertThat(service.jdbc().queryForObject("SELECT current_user", String.class)).isEqualTo("sync");
        assertThat(service.jdbc().queryForMap("SELECT rolsuper, rolcreaterole, rolcreatedb, rolreplication, rolbypassrls "
                + "FROM pg_roles WHERE rolname = current_user")).containsOnlyKeys("rolsuper", "rolcreaterole", "rolcreatedb",
                "rolreplication", "rolbypassrls").allSatisfy((k, v) -> assertThat(v).as(k).isEqualTo(false));
        // Every object of the schema moved to that role once; the data an earlier version wrote is all still there.
        assertThat(service.count("SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
                + "WHERE n.nspname = 'public' AND pg_get_userbyid(c.relowner) <> 'sync'")).isZero();
        assertThat(service.count("SELECT count(*) FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace "
                + "WHERE n.nspname = 'public' AND pg_get_userbyid(p.proowner) <> 'sync'")).isZero();
        assertThat(service.jdbc().queryForObject("SELECT nspowner::regrole::text FROM pg_namespace WHERE nspname = 'public'", String.class))
                .isEqualTo("sync");
        assertThat(service.count("SELECT count(*) FROM customers WHERE customer_id = 'kept-across-the-upgrade'")).isEqualTo(1);
        // and the role can go on migrating its own schema (a later Flyway migration runs as it)
        service.jdbc().execute("CREATE TABLE later_migration (id bigserial PRIMARY KEY)");
        service.jdbc().execute("DROP TABLE later_migration");
    }

    @Test
    void theServicesRoleRunsNoProgramCreatesNoRoleAndReadsNoPassword() {
        Path touched = Path.of("target", "pwned-by-copy-" + port()).toAbsolutePath();
        assertThatThrownBy(() -> service.jdbc().execute("COPY (SELECT 1) TO PROGRAM 'touch " + touched + "'"))
                .isInstanceOf(DataAccessException.class).hasStackTraceContaining("permission denied");
        assertThat(touched).doesNotExist();
        assertThatThrownBy(() -> service.jdbc().execute("CREATE ROLE pwned SUPERUSER LOGIN PASSWORD 'x'"))
                .isInstanceOf(DataAccessException.class).hasStackTraceContaining("permission denied");
        assertThatThrownBy(() -> service.jdbc().queryForList("SELECT rolname, rolpassword FROM pg_authid"))
                .isInstanceOf(DataAccessException.class).hasStackTraceContaining("permission denied");
        assertThatThrownBy(() -> service.jdbc().execute("ALTER SYSTEM SET log_min_messages = 'panic'"))
                .isInstanceOf(DataAccessException.class).hasStackTraceContaining("permission denied");
        assertThatThrownBy(() -> service.jdbc().execute("SET ROLE postgres")).isInstanceOf(DataAccessException.class);
        assertThatThrownBy(() -> service.jdbc().queryForList("SELECT pg_read_file('postgresql.conf')"))
                .isInstanceOf(DataAccessException.class).hasStackTraceContaining("permission denied");
    }

    @Test
    void nobodyConnectsWithoutThePasswordKeptUnderDataReadableByTheServiceAlone() throws Exception {
        assertThatThrownBy(() -> connect("postgres", null).close()).isInstanceOf(SQLException.class);
        assertThatThrownBy(() -> connect("sync", null).close()).isInstanceOf(SQLException.class);
        assertThatThrownBy(() -> connect("postgres", "postgres").close()).isInstanceOf(SQLException.class).hasMessageContaining("password");
        assertThatThrownBy(() -> connect("sync", "sync").close()).isInstanceOf(SQLException.class).hasMessageContaining("password");

        Path file = dataDir.resolve(EmbeddedStoreCredentials.FILE);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        Properties credentials = new Properties();
        try (var in = Files.newInputStream(file)) {
            credentials.load(in);
        }
        try (Connection app = connect("sync", credentials.getProperty("app.password"))) {
            assertThat(app.isValid(2)).isTrue();
        }
        try (Connection superuser = connect("postgres", credentials.getProperty("superuser.password"))) {
            assertThat(superuser.isValid(2)).isTrue();
        }
        // Stored as SCRAM verifiers, and never printed.
        try (Connection superuser = connect("postgres", credentials.getProperty("superuser.password"));
             var rs = superuser.createStatement().executeQuery("SELECT rolpassword FROM pg_authid WHERE rolname IN ('postgres', 'sync')")) {
            while (rs.next()) {
                assertThat(rs.getString(1)).startsWith("SCRAM-SHA-256$");
            }
        }
        assertThat(output.getAll()).doesNotContain("a superuser").doesNotContain(credentials.getProperty("app.password"))
                .doesNotContain(credentials.getProperty("superuser.password"));
    }

    @Test
    void aTeamsSourceQueryThatWritesIsRefusedAndChangesNothing() {
        service.runFlow("intercom-companies");
        Map<String, Object> run = service.runFlow("healthscore-push");
        assertThat(run).containsEntry("outcome", "failed");
        assertThat((String) run.get("message")).contains("read-only transaction");
        assertThat(service.count("SELECT count(*) FROM customers WHERE name = 'pwned'")).isZero();
    }
}
