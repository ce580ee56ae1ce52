package io.custsync.sandbox.salesforce;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * What a query cursor promises and nothing more: a {@code nextRecordsUrl} works once (SOAP API, QueryLocator: "Use a
 * queryLocator only once"), a query's rows are fixed when it runs but shown as they are when their page is fetched,
 * and rows the ORDER BY leaves tied come in an order of each query's own.
 */
class QueryPagingBehaviourTest extends LoggedInSandboxTest {

    QueryPagingBehaviourTest() {
        settings.queryBatchSize(5);
    }

    private List<String> ids(JsonNode page) {
        List<String> ids = new ArrayList<>();
        page.get("records").forEach(r -> ids.add(r.get("Id").asText()));
        return ids;
    }

    @Test
    void aNextRecordsUrlWorksOnceAndAMadeUpOneNever() {
        JsonNode first = http.query("SELECT Id FROM Contact ORDER BY Id").json();
        String next = first.get("nextRecordsUrl").asText();
        SandboxHttp.Response second = http.get(next);
        assertThat(second.status()).isEqualTo(200);
        SandboxHttp.Response again = http.get(next);
        assertThat(again.status()).isEqualTo(400);
        assertThat(again.json().get(0).get("errorCode").asText()).isEqualTo("INVALID_QUERY_LOCATOR");
        String madeUp = second.json().get("nextRecordsUrl").asText().replaceFirst("-10$", "-15");
        assertThat(http.get(madeUp).status()).isEqualTo(400);
        assertThat(http.get(second.json().get("nextRecordsUrl").asText()).status()).isEqualTo(200);
    }

    @Test
    void aRowChangedAfterTheQueryRanComesAtItsOldPlaceWithItsNewValuesAndANewRowDoesNotCome() {
        String soql = "SELECT Id, LastName, SystemModstamp FROM Contact ORDER BY SystemModstamp, Id";
        List<String> before = new ArrayList<>();
        JsonNode page = http.query(soql).json();
        JsonNode first = page;
        String changed = null;
        while (true) {
            before.addAll(ids(page));
            if (!page.has("nextRecordsUrl")) {
                break;
            }
            page = http.get(page.get("nextRecordsUrl").asText()).json();
        }
        changed = before.get(12);

        page = http.query(soql).json();
        assertThat(ids(page)).isEqualTo(ids(first));
        sandbox.control().advanceClock(Duration.ofMinutes(1));
        sandbox.control().updateRecord("Contact", changed, Map.of("LastName", "Changed While Paging"), null);
        String created = sandbox.control().createRecord("Contact", Map.of("LastName", "Created While Paging"), null);
        List<String> seen = new ArrayList<>(ids(page));
        JsonNode changedRow = null;
        while (page.has("nextRecordsUrl")) {
            page = http.get(page.get("nextRecordsUrl").asText()).json();
            for (JsonNode r : page.get("records")) {
                seen.add(r.get("Id").asText());
                if (r.get("Id").asText().equals(changed)) {
                    changedRow = r;
                }
            }
        }
        assertThat(seen).isEqualTo(before).doesNotContain(created);
        assertThat(changedRow.get("LastName").asText()).isEqualTo("Changed While Paging");
        assertThat(changedRow.get("SystemModstamp").asText()).startsWith("2025-01-01T00:01:00");
    }

    @Test
    void rowsTheOrderByLeavesTiedComeInAnotherOrderEachQueryButEachOnceWithinOne() {
        Set<List<String>> orders = new HashSet<>();
        for (int i = 0; i < 4; i++) {
            List<String> ids = new ArrayList<>();
            JsonNode page = http.query("SELECT Id FROM Contact ORDER BY IsDeleted").json();
            ids.addAll(ids(page));
            while (page.has("nextRecordsUrl")) {
                page = http.get(page.get("nextRecordsUrl").asText()).json();
                ids.addAll(ids(page));
            }
            assertThat(new HashSet<>(ids)).hasSize(ids.size()).hasSize(120);
            orders.add(ids);
        }
        assertThat(orders).hasSizeGreaterThan(1);
    }
}
