package io.custsync.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.custsync.TestService;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.util.List;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

/** What the nightly housekeeping deletes, against a real PostgreSQL with the real migrations, without the service around it. */
class StoreHousekeepingTest {

    private static EmbeddedPostgres pg;
    private static JdbcTemplate jdbc;

    @BeforeAll
    static void start() throws Exception {
        pg = EmbeddedPostgres.builder().setDataDirectory(TestService.newStoreDir().resolve("pg"))
                .setOverrideWorkingDirectory(TestService.POSTGRES_BIN.toFile()).setServerConfig("unix_socket_directories", "").start();
        Flyway.configure().dataSource(pg.getPostgresDatabase()).load().migrate();
        jdbc = new JdbcTemplate(pg.getPostgresDatabase());
    }

    @AfterAll
    static void stop() throws Exception {
        pg.close();
    }

    @Test
    void deletesWhatIsOlderThanTheRetentionAndKeepsOpenLettersAndRecentHistory() {
        long oldRun = run("100 days");
        long recentRun = run("10 days");
        long running = jdbc.queryForObject("INSERT INTO sync_runs (flow) VALUES ('intercom-contacts') RETURNING id", Long.class);
        long oldResolved = letter("c-1", "replayed", "100 days");
        long oldDiscarded = letter("c-2", "discarded", "100 days");
        long recentResolved = letter("c-3", "replayed", "10 days");
        long oldOpen = letter("c-4", "open", null);
        jdbc.update("UPDATE dead_letters SET created_at = now() - interval '200 days' WHERE id = ?", oldOpen);
        jdbc.update("INSERT INTO held_conversations (intercom_id, contact_ids, held_at) VALUES "
                + "('old', '{}', now() - interval '100 days'), ('recent', '{}', now() - interval '10 days')");
        jdbc.update("INSERT INTO webhook_inbox (source, notification_id, topic, flow, record_id, status, processed_at, received_at) VALUES "
                + "('intercom', 'old-done', 'contact.user.updated', 'intercom-contacts', '1', 'done', now() - interval '100 days', now() - interval '100 days'), "
                + "('intercom', 'recent-done', 'contact.user.updated', 'intercom-contacts', '2', 'done', now() - interval '10 days', now() - interval '10 days'), "
                + "('intercom', 'old-pending', 'contact.user.updated', 'intercom-contacts', '3', 'pending', NULL, now() - interval '100 days')");

        new StoreHousekeeping(new NamedParameterJdbcTemplate(jdbc), new QueryCatalogue()).prune(90);

        assertThat(jdbc.queryForList("SELECT id FROM sync_runs ORDER BY id", Long.class)).containsExactly(recentRun, running)
                .doesNotContain(oldRun);
        assertThat(jdbc.queryForList("SELECT id FROM dead_letters ORDER BY id", Long.class)).containsExactly(recentResolved, oldOpen)
                .doesNotContain(oldResolved, oldDiscarded);
        assertThat(jdbc.queryForList("SELECT intercom_id FROM held_conversations", String.class)).isEqualTo(List.of("recent"));
        // A notification still to be fetched is never pruned, however old: it names a change not yet in the store.
        assertThat(jdbc.queryForList("SELECT notification_id FROM webhook_inbox ORDER BY notification_id", String.class))
                .containsExactly("old-pending", "recent-done");
    }

    private static long run(String age) {
        return jdbc.queryForObject("INSERT INTO sync_runs (flow, outcome, started_at, finished_at) VALUES ('intercom-contacts', "
                + "'succeeded', now() - CAST(? AS interval), now() - CAST(? AS interval)) RETURNING id", Long.class, age, age);
    }

    private static long letter(String id, String status, String resolvedAgo) {
        return jdbc.queryForObject("INSERT INTO dead_letters (flow, object, external_id, error_message, status, resolved_at) "
                + "VALUES ('intercom-contacts', 'contacts', ?, 'bad', ?, now() - CAST(? AS interval)) RETURNING id", Long.class,
                id, status, resolvedAgo);
    }
}
