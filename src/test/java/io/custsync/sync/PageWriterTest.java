package io.custsync.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.custsync.TestService;
import io.custsync.store.Checkpoints;
import io.custsync.store.CustomerStore;
import io.custsync.store.CustomerStore.CustomerRow;
import io.custsync.sync.PageWriter.Outcome;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

/** One page, one transaction: a bad record becomes a dead letter and the rest lands; a failing store lands nothing. */
class PageWriterTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static TestService service;

    @BeforeAll
    static void start() {
        service = TestService.start(TestService.newStoreDir());
    }

    @AfterAll
    static void stop() {
        service.close();
    }

    private static SyncRun newRun(String flow) {
        long id = service.jdbc().queryForObject("INSERT INTO sync_runs (flow) VALUES (?) RETURNING id", Long.class, flow);
        return new SyncRun(id, flow, Instant.now(), false);
    }

    private static List<JsonNode> page(String... records) throws Exception {
        return List.of(records).stream().map(r -> {
            try {
                return JSON.readTree(r);
            } catch (Exception e) {
                throw new IllegalArgumentException(e);
            }
        }).toList();
    }

    @Test
    void aRecordTheMappingCannotTakeIsKeptAsADeadLetterAndTheRestLands() throws Exception {
        PageWriter writer = service.context().getBean(PageWriter.class);
        Checkpoints checkpoints = service.context().getBean(Checkpoints.class);
        JdbcTemplate jdbc = service.jdbc();
        SyncRun run = newRun("test-flow-a");
        writer.write(run, "customers", "id", page("{\"id\":\"a\",\"name\":\"Alpha\"}", "{\"id\":\"b\",\"name\":42}",
                "{\"id\":\"c\",\"name\":\"Gamma\"}", "{\"id\":\"d\"}"), record -> {
            JsonRecord r = new JsonRecord(record);
            String name = r.requiredText("name");
            if (!record.path("name").isTextual()) {
                throw new BadRecordException("name", "expected text, got number");
            }
            // A store-level refusal of one record (NOT NULL) must not spoil the page's transaction either.
            jdbc.update("INSERT INTO customers (customer_id, name) VALUES (?, ?)", name.equals("Gamma") ? null : r.requiredText("id"), name);
            return Outcome.WRITTEN;
        }, () -> checkpoints.advance(run.flow(), Instant.parse("2026-01-01T00:00:00Z"), "d"));

        assertThat(run.read()).isEqualTo(4);
        assertThat(run.written()).isEqualTo(1);
        assertThat(run.deadLettered()).isEqualTo(3);
        assertThat(jdbc.queryForList("SELECT customer_id FROM customers WHERE customer_id IN ('a','b','c','d')", String.class))
                .containsExactly("a");
        List<Map<String, Object>> letters = jdbc.queryForList(
                "SELECT external_id, error_code, error_message, payload FROM dead_letters WHERE run_id = ? ORDER BY external_id", run.id());
        assertThat(letters).extracting(l -> l.get("external_id")).containsExactly("b", "c", "d");
        assertThat(letters.get(0)).containsEntry("error_code", "bad_record").containsEntry("error_message", "name: expected text, got number");
        assertThat(new String((byte[]) letters.get(0).get("payload"), StandardCharsets.UTF_8)).isEqualTo("{\"id\":\"b\",\"name\":42}");
        assertThat(letters.get(1)).containsEntry("error_code", "store_rejected");
        assertThat((String) letters.get(1).get("error_message")).contains("customer_id");
        assertThat(letters.get(2)).containsEntry("error_message", "name: missing");
        assertThat(checkpoints.get(run.flow())).hasValueSatisfying(c -> assertThat(c.id()).isEqualTo("d"));
    }

    @Test
    void aPageIsWrittenInOneGoAndOnlyAPageTheStoreRefusesIsWrittenAgainRecordByRecord() throws Exception {
        PageWriter writer = service.context().getBean(PageWriter.class);
        CustomerStore customers = service.context().getBean(CustomerStore.class);
        Checkpoints checkpoints = service.context().getBean(Checkpoints.class);
        List<Integer> calls = new java.util.ArrayList<>();
        PageWriter.PageWrite upsert = records -> {
            calls.add(records.size());
            List<CustomerRow> rows = records.stream().map(r -> new CustomerRow(new JsonRecord(r).requiredText("id"),
                    r.path("name").asText(null), null, null, null, true, false, false, false)).toList();
            Map<String, CustomerStore.Upserted> done = customers.upsert(rows);
            return rows.stream().map(row -> done.get(row.customerId()).changed() ? Outcome.WRITTEN : Outcome.UNCHANGED).toList();
        };

        SyncRun clean = newRun("test-flow-c");
        writer.writePage(clean, "customers", "id", page("{\"id\":\"p1\",\"name\":\"One\"}", "{\"id\":\"p2\",\"name\":\"Two\"}",
                "{\"id\":\"p3\",\"name\":\"Three\"}"), upsert, () -> checkpoints.advance("test-flow-c", Instant.now(), "p3"));
        assertThat(calls).containsExactly(3);
        assertThat(clean.written()).isEqualTo(3);
        assertThat(service.jdbc().queryForList("SELECT name FROM customers WHERE customer_id LIKE 'p_' ORDER BY customer_id", String.class))
                .containsExactly("One", "Two", "Three");
        assertThat(checkpoints.get("test-flow-c")).isPresent();

        // The same customer twice in a page cannot be one multi-row upsert, and one record has no id: the page
        // is refused as a whole, then written one by one: the good records land, the bad one is a dead letter.
        calls.clear();
        SyncRun mixed = newRun("test-flow-d");
        writer.writePage(mixed, "customers", "id", page("{\"id\":\"p1\",\"name\":\"One again\"}", "{\"id\":\"p4\",\"name\":\"Four\"}",
                "{\"id\":\"p4\",\"name\":\"Four, later\"}", "{\"name\":\"No id\"}", "{\"id\":\"p2\",\"name\":\"Two\"}"), upsert, null);
        assertThat(calls).containsExactly(5, 1, 1, 1, 1, 1);
        assertThat(mixed.read()).isEqualTo(5);
        assertThat(mixed.written()).isEqualTo(3);
        assertThat(mixed.skipped()).isEqualTo(1);
        assertThat(mixed.deadLettered()).isEqualTo(1);
        assertThat(service.jdbc().queryForList("SELECT name FROM customers WHERE customer_id LIKE 'p_' ORDER BY customer_id", String.class))
                .containsExactly("One again", "Two", "Three", "Four, later");
        assertThat(service.jdbc().queryForObject("SELECT error_message FROM dead_letters WHERE run_id = ?", String.class, mixed.id()))
                .isEqualTo("id: missing");
    }

    @Test
    void anyExceptionTheMappingOfOneRecordThrowsKeepsThatRecordAsideInBothWaysOfWriting() throws Exception {
        PageWriter writer = service.context().getBean(PageWriter.class);
        Checkpoints checkpoints = service.context().getBean(Checkpoints.class);
        CustomerStore customers = service.context().getBean(CustomerStore.class);
        // A mapper that meets something nobody foresaw for one record: a java.time limit, a bug.
        PageWriter.PageWrite mapper = records -> {
            for (JsonNode r : records) {
                if (r.path("id").asText().equals("m2")) {
                    java.time.Instant.ofEpochSecond(Long.MAX_VALUE);
                }
                if (r.path("id").asText().equals("m3")) {
                    throw new IllegalStateException("a mapper bug");
                }
            }
            List<CustomerRow> rows = records.stream().map(r -> new CustomerRow(r.path("id").asText(), "M", null, null, null,
                    true, false, false, false)).toList();
            customers.upsert(rows);
            return rows.stream().map(r -> Outcome.WRITTEN).toList();
        };
        SyncRun paged = newRun("test-flow-e");
        writer.writePage(paged, "customers", "id", page("{\"id\":\"m1\"}", "{\"id\":\"m2\"}", "{\"id\":\"m3\"}", "{\"id\":\"m4\"}"),
                mapper, () -> checkpoints.advance("test-flow-e", Instant.parse("2026-01-01T00:00:00Z"), "m4"));
        assertThat(paged.written()).isEqualTo(2);
        assertThat(paged.deadLettered()).isEqualTo(2);
        assertThat(checkpoints.get("test-flow-e")).isPresent();
        SyncRun single = newRun("test-flow-f");
        writer.write(single, "customers", "id", page("{\"id\":\"m5\"}", "{\"id\":\"m3\"}"),
                record -> mapper.apply(List.of(record)).get(0), null);
        assertThat(single.written()).isEqualTo(1);
        assertThat(single.deadLettered()).isEqualTo(1);
        assertThat(service.jdbc().queryForList("SELECT customer_id FROM customers WHERE customer_id LIKE 'm_' ORDER BY 1", String.class))
                .containsExactly("m1", "m4", "m5");
        List<Map<String, Object>> letters = service.jdbc().queryForList(
                "SELECT external_id, error_code, error_message FROM dead_letters WHERE run_id IN (?, ?) ORDER BY id", paged.id(), single.id());
        assertThat(letters).extracting(l -> l.get("external_id")).containsExactly("m2", "m3", "m3");
        assertThat(letters).extracting(l -> l.get("error_code")).containsOnly("mapping_failed");
        assertThat((String) letters.get(0).get("error_message")).isEqualTo("mapping failed: DateTimeException: Instant exceeds minimum or maximum instant");
        assertThat((String) letters.get(1).get("error_message")).isEqualTo("mapping failed: IllegalStateException: a mapper bug");
    }

    @Test
    void whenTheStoreFailsTheWholePageAndItsCheckpointRollBack() throws Exception {
        PageWriter writer = service.context().getBean(PageWriter.class);
        Checkpoints checkpoints = service.context().getBean(Checkpoints.class);
        SyncRun run = newRun("test-flow-b");
        assertThatThrownBy(() -> writer.write(run, "customers", "id", page("{\"id\":\"x1\"}", "{\"id\":\"x2\"}"), record -> {
            service.jdbc().update("INSERT INTO customers (customer_id) VALUES (?)", record.path("id").asText());
            return Outcome.WRITTEN;
        }, () -> {
            checkpoints.advance(run.flow(), Instant.now(), "x2");
            throw new org.springframework.dao.QueryTimeoutException("the store stopped answering");
        })).isInstanceOf(org.springframework.dao.QueryTimeoutException.class);
        assertThat(service.count("SELECT count(*) FROM customers WHERE customer_id IN ('x1', 'x2')")).isZero();
        assertThat(checkpoints.get(run.flow())).isEmpty();
    }
}
