package io.custsync.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.custsync.TestService;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.jdbc.core.JdbcTemplate;

/** The embedded default store: migrations, restarts, and stepping aside for a real PostgreSQL. */
class LocalStoreTest {

    private static final List<String> SCHEMA = List.of("customers", "contacts", "contact_role_tags", "identity_links",
            "conversations", "conversation_contacts", "conversation_parts", "tickets", "ticket_contacts",
            "sync_checkpoints", "sync_runs", "dead_letters", "push_ledger", "conflicts");

    @Test
    void migratesAFreshStoreThenKeepsDataAcrossRestartsWithoutMigratingAgain() {
        Path store = TestService.newStoreDir();
        int historyRows;
        try (TestService service = TestService.start(store)) {
            JdbcTemplate jdbc = service.jdbc();
            assertThat(tables(jdbc)).containsAll(SCHEMA);
            historyRows = count(jdbc, "SELECT count(*) FROM flyway_schema_history WHERE success");
            assertThat(historyRows).isGreaterThanOrEqualTo(1);
            jdbc.update("INSERT INTO customers (customer_id, name, domain) VALUES (?, ?, ?)", "acme-1", "Acme", "acme.test");
            assertThat(service.context().getBean(EmbeddedPostgres.class)).isNotNull();
        }
        assertThat(store.resolve("postgres/PG_VERSION")).exists();

        try (TestService service = TestService.start(store)) {
            JdbcTemplate jdbc = service.jdbc();
            assertThat(count(jdbc, "SELECT count(*) FROM flyway_schema_history")).isEqualTo(historyRows);
            assertThat(service.context().getBean(Flyway.class).info().pending()).isEmpty();
            assertThat(jdbc.queryForObject("SELECT name FROM customers WHERE customer_id = ?", String.class, "acme-1"))
                    .isEqualTo("Acme");
        }
    }

    @Test
    @ExtendWith(OutputCaptureExtension.class)
    void usesTheConfiguredPostgresAndStartsNothingEmbedded(CapturedOutput output) throws Exception {
        Path external = TestService.newStoreDir();
        // Stands in for a real server: a PostgreSQL the service did not start and only knows by URL.
        try (EmbeddedPostgres realServer = EmbeddedPostgres.builder().setDataDirectory(external.resolve("pg"))
                .setOverrideWorkingDirectory(TestService.POSTGRES_BIN.toFile())
                .setServerConfig("unix_socket_directories", "").start()) {
            Path own = TestService.newStoreDir();
            Map<String, Object> props = TestService.defaults(own);
            props.put("spring.datasource.url", realServer.getJdbcUrl("postgres", "postgres"));
            props.put("spring.datasource.username", "postgres");
            props.put("spring.datasource.password", "");
            try (TestService service = TestService.start(props)) {
                assertThat(service.context().getBeansOfType(EmbeddedPostgres.class)).isEmpty();
                service.jdbc().update("INSERT INTO customers (customer_id) VALUES (?)", "real-1");
            }
            // Connected as the server's superuser: start-up says that is more than the service should have.
            assertThat(output.getOut()).contains("connected to PostgreSQL as 'postgres', a superuser");
            JdbcTemplate direct = new JdbcTemplate(realServer.getPostgresDatabase());
            assertThat(tables(direct)).containsAll(SCHEMA);
            assertThat(count(direct, "SELECT count(*) FROM customers WHERE customer_id = 'real-1'")).isEqualTo(1);
            assertThat(own.resolve("postgres")).doesNotExist();
        }
    }

    private static List<String> tables(JdbcTemplate jdbc) {
        return jdbc.queryForList("SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'", String.class);
    }

    private static int count(JdbcTemplate jdbc, String sql) {
        return jdbc.queryForObject(sql, Integer.class);
    }
}
