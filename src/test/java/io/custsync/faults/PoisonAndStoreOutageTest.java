package io.custsync.faults;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.custsync.TestService;
import io.custsync.sandbox.common.Faults;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Poison records go aside while their page lands; a store that goes away mid-run costs a run, not data. */
class PoisonAndStoreOutageTest {

    @Test
    void poisonRecordsAreDeadLetteredAndTheRestOfThePageLands() {
        Map<String, Object> props = TestService.defaults(TestService.newStoreDir());
        props.put("sync.intercom.sandbox.contacts", "60");
        props.put("sync.intercom.page-size", "20");
        try (TestService service = TestService.start(props)) {
            service.runFlow("intercom-companies");
            List<String> ids = List.of(service.sandbox().contactId(3), service.sandbox().contactId(4),
                    service.sandbox().contactId(5), service.sandbox().contactId(6), service.sandbox().contactId(7));
            JsonNodeFactory json = JsonNodeFactory.instance;
            service.sandbox().poisonContact(ids.get(0), "id", null);                                       // missing key
            service.sandbox().poisonContact(ids.get(1), "email", json.objectNode().put("address", "x"));  // wrong type
            service.sandbox().poisonContact(ids.get(2), "name", json.textNode("x".repeat(1024 * 1024)));  // 1 MB value
            service.sandbox().poisonContact(ids.get(3), "updated_at", json.textNode("yesterday"));         // wrong type
            service.sandbox().poisonContactWithInvalidUtf8(ids.get(4), "name");                            // not UTF-8
            Map<String, Object> run = service.runFlow("intercom-contacts");
            assertThat(run).containsEntry("outcome", "succeeded").containsEntry("records_read", 60L)
                    .containsEntry("records_written", 55L).containsEntry("records_dead_lettered", 5L);
            assertThat(service.count("SELECT count(*) FROM contacts")).isEqualTo(55);
            List<Map<String, Object>> letters = service.jdbc().queryForList(
                    "SELECT external_id, error_message, length(payload) AS size FROM dead_letters WHERE flow = 'intercom-contacts' ORDER BY id");
            assertThat(letters).extracting(l -> l.get("error_message")).containsExactlyInAnyOrder(
                    "id: missing", "email: expected text, got object",
                    "name: a value of 1048576 characters (more than 65536)", "updated_at: expected a UNIX timestamp, got \"yesterday\"",
                    "name: not valid UTF-8 in the source's answer (kept with U+FFFD in place of the bad bytes)");
            assertThat(letters).filteredOn(l -> ((Number) l.get("size")).intValue() > 1024 * 1024).hasSize(1);
            assertThat(letters).extracting(l -> l.get("external_id")).contains(ids.get(1), ids.get(2), ids.get(3), ids.get(4));

            // The operator sees the record as it came, bad bytes shown as U+FFFD, and a replay accepts it so.
            Map<String, Object> notUtf8 = service.jdbc().queryForMap("SELECT id, payload FROM dead_letters WHERE external_id = ?", ids.get(4));
            assertThat(new String((byte[]) notUtf8.get("payload"), java.nio.charset.StandardCharsets.UTF_8)).contains("\"name\":\"Ren\uFFFDe\"");
            assertThat(service.context().getBean(io.custsync.ops.DeadLetterReplay.class).replay(((Number) notUtf8.get("id")).longValue()).replayed())
                    .isTrue();
            assertThat(service.jdbc().queryForObject("SELECT c.name FROM contacts c JOIN identity_links l ON l.local_id = c.id "
                    + "AND l.object = 'contacts' WHERE l.external_id = ?", String.class, ids.get(4))).isEqualTo("Ren\uFFFDe");
        }
    }

    @Test
    void theStoreStoppedMidRunFailsTheRunWithoutMovingItsCheckpointAndTheNextRunCatchesUp() throws Exception {
        Path dir = TestService.newStoreDir();
        EmbeddedPostgres.Builder pgBuilder = EmbeddedPostgres.builder().setDataDirectory(dir.resolve("pg")).setCleanDataDirectory(false)
                .setOverrideWorkingDirectory(TestService.POSTGRES_BIN.toFile()).setServerConfig("unix_socket_directories", "");
        EmbeddedPostgres pg = pgBuilder.start();
        int port = pg.getPort();
        Map<String, Object> props = TestService.defaults(dir);
        props.put("spring.datasource.url", pg.getJdbcUrl("postgres", "postgres"));
        props.put("spring.datasource.username", "postgres");
        props.put("spring.datasource.password", "");
        props.put("spring.datasource.hikari.connection-timeout", "2000");
        props.put("sync.intercom.sandbox.contacts", "200");
        props.put("sync.intercom.page-size", "20");
        try (TestService service = TestService.start(props)) {
            service.runFlow("intercom-companies");
            // Each page after the 3rd waits a second; the store stops while the run is at it.
            service.sandbox().addFault(Faults.on("POST", "/contacts/search").latency(1000).times(20));
            service.context().getBean(io.custsync.ops.FlowTrigger.class).fireNow("intercom-contacts");
            org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(30)).until(() ->
                    service.count("SELECT count(*) FROM sync_checkpoints WHERE flow = 'intercom-contacts'") == 1);
            Timestamp checkpoint = service.jdbc().queryForObject("SELECT cursor_time FROM sync_checkpoints WHERE flow = 'intercom-contacts'", Timestamp.class);
            long stored = service.count("SELECT count(*) FROM contacts");
            pg.close();
            Thread.sleep(4000); // the run meets the dead store and fails; its end cannot even be recorded
            pg = pgBuilder.setPort(port).start();
            // Nothing the failed run did after the outage is half-written: rows and checkpoint agree.
            assertThat(service.count("SELECT count(*) FROM contacts")).isGreaterThanOrEqualTo(stored);
            service.sandbox().clearFaults();
            org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(60)).until(() -> {
                try {
                    return !service.jdbc().queryForList("SELECT 1").isEmpty();
                } catch (Exception e) {
                    return false;
                }
            });
            Map<String, Object> next = service.runFlow("intercom-contacts");
            assertThat(next).containsEntry("outcome", "succeeded");
            assertThat(service.count("SELECT count(*) FROM contacts")).isEqualTo(200);
            assertThat(service.count("SELECT count(DISTINCT contact_id) FROM contacts")).isEqualTo(200);
            assertThat(service.count("SELECT count(*) FROM sync_runs WHERE flow = 'intercom-contacts' AND outcome = 'running'")).isZero();
            assertThat(service.jdbc().queryForObject("SELECT cursor_time FROM sync_checkpoints WHERE flow = 'intercom-contacts'", Timestamp.class))
                    .isAfterOrEqualTo(checkpoint);
        } finally {
            pg.close();
        }
    }
}
