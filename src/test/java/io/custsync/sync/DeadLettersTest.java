package io.custsync.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.custsync.TestService;
import io.custsync.store.DeadLetterStore;
import io.custsync.store.QueryCatalogue;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

/**
 * One open dead letter per (flow, object, record): the migration that merges the duplicates earlier versions
 * left, the schema that refuses a second open one, and the rules a repeat, a discard and a clean sync follow.
 * Against a real PostgreSQL with the real migrations, without the service around it.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DeadLettersTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static EmbeddedPostgres pg;
    private static JdbcTemplate jdbc;
    private static DeadLetters deadLetters;

    @BeforeAll
    static void start() throws Exception {
        pg = EmbeddedPostgres.builder().setDataDirectory(TestService.newStoreDir().resolve("pg"))
                .setOverrideWorkingDirectory(TestService.POSTGRES_BIN.toFile()).setServerConfig("unix_socket_directories", "").start();
        jdbc = new JdbcTemplate(pg.getPostgresDatabase());
        deadLetters = new DeadLetters(new DeadLetterStore(new NamedParameterJdbcTemplate(jdbc), new QueryCatalogue()));
    }

    @AfterAll
    static void stop() throws Exception {
        pg.close();
    }

    @Test
    @Order(1)
    void theMigrationMergesTheOpenDuplicatesOfARecordIntoItsFirstLetter() {
        Flyway.configure().dataSource(pg.getPostgresDatabase()).target("6").load().migrate();
        long r1 = run("salesforce-accounts-push");
        long r2 = run("salesforce-accounts-push");
        long r3 = run("salesforce-accounts-push");
        long customer = jdbc.queryForObject("INSERT INTO customers (customer_id) VALUES ('NEW-2') RETURNING id", Long.class);
        // What four runs of a push inside its look-back left before: one open letter per run for the same record.
        long first = old("salesforce-accounts-push", "customers", "NEW-2", r1, "{\"v\":1}", "e1", "open", 1, "2024-01-01T00:00:00Z");
        long second = old("salesforce-accounts-push", "customers", "NEW-2", r2, "{\"v\":2}", "e2", "open", 2, "2024-01-02T00:00:00Z");
        long third = old("salesforce-accounts-push", "customers", "NEW-2", r3, "{\"v\":3}", "e3", "open", 1, "2024-01-03T00:00:00Z");
        long discarded = old("salesforce-accounts-push", "customers", "NEW-2", r1, "{\"v\":0}", "e0", "discarded", 1, "2023-12-31T00:00:00Z");
        long other = old("salesforce-accounts-push", "customers", "NEW-3", r1, "{\"v\":1}", "e1", "open", 1, "2024-01-01T00:00:00Z");
        // Intercom pushes named the record with what the call was about; the same record is one letter from now on.
        long company = old("intercom-companies-push", "customers", "cmp-1", r1, "POST /companies", "e", "open", 1, "2024-01-01T00:00:00Z");
        old("intercom-companies-push", "customers", "cmp-1 (company 5f00aa)", r2, "PUT /companies/5f00aa", "e", "open", 1, "2024-01-02T00:00:00Z");
        old("intercom-contacts-push", "contacts", "local-r <race@example.com> (contact 77)", r1, "PUT /contacts/77", "e", "open", 1, "2024-01-01T00:00:00Z");
        old("healthscore-push", "healthscore", "customer 4 (company 5f00aa)", r1, "PUT /companies/5f00aa", "e", "open", 1, "2024-01-01T00:00:00Z");
        // A record without an id is known by its content: the same bytes twice are one record, other bytes another.
        long noId = old("intercom-contacts", "contacts", null, r1, "{\"updated_at\":1700000000}", "id: missing", "open", 1, "2024-01-01T00:00:00Z");
        old("intercom-contacts", "contacts", null, r2, "{\"updated_at\":1700000000}", "id: missing", "open", 1, "2024-01-02T00:00:00Z");
        long noIdOther = old("intercom-contacts", "contacts", null, r1, "{\"updated_at\":1700000001}", "id: missing", "open", 1, "2024-01-01T00:00:00Z");
        long notUtf8 = jdbc.queryForObject("INSERT INTO dead_letters (flow, object, external_id, payload, error_message) "
                + "VALUES ('intercom-contacts', 'contacts', 'c-bad', '\\xff00'::bytea, 'not UTF-8') RETURNING id", Long.class);

        Flyway.configure().dataSource(pg.getPostgresDatabase()).load().migrate();

        Map<String, Object> kept = jdbc.queryForMap("SELECT * FROM dead_letters WHERE id = ?", first);
        assertThat(kept).containsEntry("status", "open").containsEntry("attempts", 4).containsEntry("error_message", "e3")
                .containsEntry("run_id", r3).containsEntry("local_id", customer);
        assertThat(new String((byte[]) kept.get("payload"), StandardCharsets.UTF_8)).isEqualTo("{\"v\":3}");
        assertThat(kept.get("last_attempt_at").toString()).startsWith("2024-01-0");
        assertThat(jdbc.queryForList("SELECT id FROM dead_letters WHERE id IN (?, ?)", Long.class, second, third)).isEmpty();
        assertThat(jdbc.queryForObject("SELECT status FROM dead_letters WHERE id = ?", String.class, discarded)).isEqualTo("discarded");
        assertThat(jdbc.queryForObject("SELECT status FROM dead_letters WHERE id = ?", String.class, other)).isEqualTo("open");
        assertThat(jdbc.queryForList("SELECT external_id FROM dead_letters WHERE flow LIKE 'intercom-%-push' OR flow = 'healthscore-push' "
                + "ORDER BY flow, id", String.class)).containsExactly("customer 4", "cmp-1", "local-r");
        assertThat(jdbc.queryForObject("SELECT attempts FROM dead_letters WHERE id = ?", Integer.class, company)).isEqualTo(2);
        assertThat(jdbc.queryForList("SELECT id FROM dead_letters WHERE flow = 'intercom-contacts' AND external_id IS NULL ORDER BY id",
                Long.class)).containsExactly(noId, noIdOther);
        // "Changed" for a record read from a source is its own modification stamp, where it has one.
        assertThat(jdbc.queryForObject("SELECT record_version FROM dead_letters WHERE id = ?", String.class, noId))
                .isEqualTo("updated_at:1700000000");
        assertThat(jdbc.queryForObject("SELECT record_version FROM dead_letters WHERE id = ?", String.class, notUtf8)).startsWith("sha256:");
    }

    @Test
    @Order(2)
    void theSchemaRefusesASecondOpenLetterForTheSameRecord() {
        long r = run("salesforce-accounts-push");
        assertThatThrownBy(() -> old("salesforce-accounts-push", "customers", "NEW-3", r, "{}", "again", "open", 1, "2024-02-01T00:00:00Z"))
                .isInstanceOf(DataIntegrityViolationException.class);
        // Closed ones are history: any number of them.
        old("salesforce-accounts-push", "customers", "NEW-3", r, "{}", "old", "discarded", 1, "2024-02-01T00:00:00Z");
        old("salesforce-accounts-push", "customers", "NEW-3", r, "{}", "old", "replayed", 1, "2024-02-01T00:00:00Z");
    }

    @Test
    @Order(3)
    void aRepeatUpdatesTheOpenLetterWithTheLatestPayloadAndReason() throws Exception {
        SyncRun first = syncRun("intercom-contacts");
        JsonNode v1 = JSON.readTree("{\"id\":\"c-1\",\"updated_at\":1700000100,\"email\":{\"a\":1}}");
        assertThat(deadLetters.addRecord(first, "contacts", "id", v1, "bad_record", "email: expected text")).isEqualTo(DeadLetters.Kept.OPENED);
        SyncRun second = syncRun("intercom-contacts");
        JsonNode v2 = JSON.readTree("{\"id\":\"c-1\",\"updated_at\":1700000200,\"email\":{\"a\":2}}");
        assertThat(deadLetters.addRecord(second, "contacts", "id", v2, "bad_record", "email: expected text, got object"))
                .isEqualTo(DeadLetters.Kept.REPEATED);
        Map<String, Object> letter = jdbc.queryForMap("SELECT * FROM dead_letters WHERE flow = 'intercom-contacts' AND external_id = 'c-1'");
        assertThat(letter).containsEntry("attempts", 2).containsEntry("run_id", second.id())
                .containsEntry("error_message", "email: expected text, got object").containsEntry("record_version", "updated_at:1700000200");
        assertThat(new String((byte[]) letter.get("payload"), StandardCharsets.UTF_8)).contains("\"a\":2");
        assertThat(first.deadLettered()).isEqualTo(1);
        assertThat(second.deadLettered()).isEqualTo(1);
    }

    @Test
    @Order(4)
    void aDiscardedLetterStaysDiscardedUntilTheRecordChanges() throws Exception {
        JsonNode v1 = JSON.readTree("{\"id\":\"c-2\",\"updated_at\":1700000100,\"email\":{}}");
        deadLetters.addRecord(syncRun("intercom-contacts"), "contacts", "id", v1, "bad_record", "email");
        jdbc.update("UPDATE dead_letters SET status = 'discarded', discard_reason = 'test' WHERE external_id = 'c-2'");
        // The same version again (re-read, or the same payload pushed again): nothing new, and not counted.
        SyncRun again = syncRun("intercom-contacts");
        assertThat(deadLetters.addRecord(again, "contacts", "id", v1, "bad_record", "email")).isEqualTo(DeadLetters.Kept.STILL_DISCARDED);
        assertThat(again.deadLettered()).isZero();
        assertThat(count("external_id = 'c-2'")).isEqualTo(1);
        assertThat(deadLetters.refusedBefore("intercom-contacts", "contacts", "c-2", DeadLetters.version(v1, v1.toString().getBytes())))
                .isTrue();
        // Changed: a new open letter.
        JsonNode v2 = JSON.readTree("{\"id\":\"c-2\",\"updated_at\":1700000300,\"email\":{}}");
        assertThat(deadLetters.addRecord(syncRun("intercom-contacts"), "contacts", "id", v2, "bad_record", "email")).isEqualTo(DeadLetters.Kept.OPENED);
        assertThat(count("external_id = 'c-2' AND status = 'open'")).isEqualTo(1);
        assertThat(count("external_id = 'c-2' AND status = 'discarded'")).isEqualTo(1);
    }

    @Test
    @Order(5)
    void aPushedPayloadIsTheVersionOfWhatWasRefused() {
        SyncRun run = syncRun("salesforce-contacts-push");
        byte[] payload = "{\"sObject\":\"Contact\",\"fields\":{\"LastName\":\"x\"}}".getBytes(StandardCharsets.UTF_8);
        String version = DeadLetters.version(payload);
        assertThat(version).startsWith("sha256:");
        deadLetters.add(run, "contacts", "CON-1", 42L, payload, version, "REQUIRED_FIELD_MISSING", "x");
        assertThat(deadLetters.refusedVersions("salesforce-contacts-push", "contacts", List.of("CON-1", "CON-2")))
                .isEqualTo(Map.of("CON-1", Set.of(version)));
        assertThat(deadLetters.refusedBefore("salesforce-contacts-push", "contacts", "CON-1",
                DeadLetters.version("{\"other\":1}".getBytes(StandardCharsets.UTF_8)))).isFalse();
        assertThat(jdbc.queryForObject("SELECT local_id FROM dead_letters WHERE external_id = 'CON-1'", Long.class)).isEqualTo(42L);
    }

    @Test
    @Order(6)
    void aCleanSyncResolvesTheOpenLetterWithItsRunAndLeavesTheOthers() {
        SyncRun run = syncRun("intercom-contacts");
        assertThat(deadLetters.resolve(run, "contacts", List.of("c-1", "c-2", "not-a-letter"))).isEqualTo(2);
        assertThat(jdbc.queryForMap("SELECT status, resolved_run_id FROM dead_letters WHERE external_id = 'c-1'"))
                .containsEntry("status", "resolved").containsEntry("resolved_run_id", run.id());
        assertThat(count("external_id = 'c-2' AND status = 'discarded'")).isEqualTo(1);
        assertThat(count("external_id = 'c-2' AND status = 'open'")).isZero();
    }

    private static long count(String where) {
        return jdbc.queryForObject("SELECT count(*) FROM dead_letters WHERE " + where, Long.class);
    }

    private static long run(String flow) {
        return jdbc.queryForObject("INSERT INTO sync_runs (flow) VALUES (?) RETURNING id", Long.class, flow);
    }

    private static SyncRun syncRun(String flow) {
        return new SyncRun(run(flow), flow, Instant.now(), false);
    }

    /** A letter as an earlier version wrote it: one row per failure. */
    private static long old(String flow, String object, String externalId, long runId, String payload, String error, String status,
                            int attempts, String at) {
        return jdbc.queryForObject("INSERT INTO dead_letters (flow, object, external_id, run_id, payload, content_type, error_message, "
                + "status, attempts, created_at, last_attempt_at) VALUES (?, ?, ?, ?, ?, 'application/json', ?, ?, ?, "
                + "CAST(? AS timestamptz), CAST(? AS timestamptz)) RETURNING id", Long.class, flow, object, externalId, runId,
                payload.getBytes(StandardCharsets.UTF_8), error, status, attempts, at, at);
    }
}
