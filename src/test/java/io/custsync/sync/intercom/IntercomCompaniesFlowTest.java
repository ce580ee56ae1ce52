package io.custsync.sync.intercom;

import static org.assertj.core.api.Assertions.assertThat;

import io.custsync.TestService;
import io.custsync.sandbox.common.Faults;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/** routes/intercom-companies.camel.yaml against the sandbox: full scrolls, scroll trouble, churn-on-missing. */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class IntercomCompaniesFlowTest {

    private static final String FLOW = "intercom-companies";
    private static TestService service;
    /** API calls of an undisturbed full scroll of 40 companies. */
    private static long quietScrollCalls;

    @BeforeAll
    static void start() throws Exception {
        Map<String, Object> props = IntercomFlowTestSupport.props(TestService.newStoreDir(), IntercomFlowTestSupport.INTERCOM_AS_CRM);
        props.put("sync.intercom.sandbox.scroll-expiry-seconds", "2");
        service = TestService.start(props);
    }

    @AfterAll
    static void stop() {
        service.close();
    }

    @Test
    @Order(1)
    void aFullScrollStoresEveryCompanyOnceAndASecondOneChangesNothing() {
        Map<String, Object> first = service.runFlow(FLOW);
        assertThat(first).containsEntry("outcome", "succeeded").containsEntry("records_read", 40L).containsEntry("records_written", 40L);
        assertThat(service.count("SELECT count(*) FROM customers")).isEqualTo(40);
        assertThat(service.count("SELECT count(*) FROM identity_links WHERE system = 'intercom' AND object = 'customers'")).isEqualTo(40);
        assertThat(service.count("SELECT count(*) FROM customers WHERE customer_id LIKE 'cmp-%' AND name IS NOT NULL AND domain IS NOT NULL")).isEqualTo(40);
        // 40 companies in pages, and the empty page that ends the scroll.
        assertThat((Long) first.get("api_calls")).isGreaterThan(1);

        Map<String, Object> second = service.runFlow(FLOW);
        assertThat(second).containsEntry("outcome", "succeeded").containsEntry("records_read", 40L)
                .containsEntry("records_written", 0L).containsEntry("records_skipped", 40L);
        assertThat(service.count("SELECT count(*) FROM customers WHERE churned_at IS NOT NULL")).isZero();
        quietScrollCalls = (Long) second.get("api_calls");
    }

    @Test
    @Order(2)
    void aCompanyGoneFromACompleteScrollIsChurnedNotDeleted() {
        String[] gone = linkedCompany(0);
        service.sandbox().deleteCompany(gone[0], null);
        assertThat(service.runFlow(FLOW)).containsEntry("outcome", "succeeded").containsEntry("records_read", 39L);
        assertThat(service.count("SELECT count(*) FROM customers")).isEqualTo(40);
        assertThat(service.jdbc().queryForMap("SELECT stage, churned_at FROM customers WHERE customer_id = ?", gone[1]))
                .containsEntry("stage", "churn").extractingByKey("churned_at").isNotNull();
        assertThat(service.count("SELECT count(*) FROM customers WHERE churned_at IS NOT NULL")).isEqualTo(1);
    }

    @Test
    @Order(3)
    void aScrollThatKeepsFailingChurnsNobody() {
        String[] gone = linkedCompany(1);
        service.sandbox().deleteCompany(gone[0], null);
        // Every scroll page fails: restarts are spent, the run fails, and the missing company is not churned.
        service.sandbox().addFault(Faults.on("GET", "/companies/scroll").status(500).times(50));
        try {
            Map<String, Object> failed = service.runFlow(FLOW);
            assertThat(failed).containsEntry("outcome", "failed");
            assertThat((String) failed.get("message")).contains("/companies/scroll").contains("500");
        } finally {
            service.sandbox().clearFaults();
        }
        assertThat(service.jdbc().queryForObject("SELECT churned_at FROM customers WHERE customer_id = ?", Object.class, gone[1])).isNull();
        assertThat(service.count("SELECT count(*) FROM customers WHERE churned_at IS NOT NULL")).isEqualTo(1);
    }

    @Test
    @Order(4)
    void aFiveHundredMidScrollRestartsTheScrollAndStillCompletes() {
        // The 2nd page fails: the scroll cannot resume, so it starts over once the broken one has expired.
        service.sandbox().addFault(Faults.on("GET", "/companies/scroll").status(500).nth(2));
        Map<String, Object> run = service.runFlow(FLOW);
        assertThat(run).containsEntry("outcome", "succeeded");
        // The company deleted in the previous test is churned now that a scroll completed.
        assertThat(service.count("SELECT count(*) FROM customers WHERE churned_at IS NOT NULL")).isEqualTo(2);
        assertThat(service.count("SELECT count(*) FROM customers WHERE churned_at IS NULL")).isEqualTo(38);
    }

    @Test
    @Order(5)
    void anotherOpenScrollIsWaitedOut() throws Exception {
        service.sandbox().addToken("outsider");
        HttpResponse<String> outsider = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(service.intercom().apiUrl() + "/companies/scroll"))
                .header("Authorization", "Bearer outsider").header("Accept", "application/json").build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(outsider.statusCode()).isEqualTo(200);
        Map<String, Object> run = service.runFlow(FLOW);
        assertThat(run).containsEntry("outcome", "succeeded").containsEntry("records_read", 38L);
        // The first calls answered scroll_exists until the outsider's scroll expired (2 s here, a minute at Intercom).
        assertThat((Long) run.get("api_calls")).isGreaterThan(quietScrollCalls);
    }

    @Test
    @Order(6)
    void aChurnedCustomerThatReappearsIsReactivated() {
        String customerId = service.jdbc().queryForObject(
                "SELECT customer_id FROM customers WHERE churned_at IS NOT NULL ORDER BY customer_id LIMIT 1", String.class);
        service.sandbox().upsertCompany(Map.of("company_id", customerId, "name", "Back again"), null);
        Map<String, Object> run = service.runFlow(FLOW);
        assertThat(run).containsEntry("outcome", "succeeded");
        assertThat(service.jdbc().queryForMap("SELECT name, stage, churned_at FROM customers WHERE customer_id = ?", customerId))
                .containsEntry("name", "Back again").containsEntry("stage", null).containsEntry("churned_at", null);
        assertThat(service.count("SELECT count(*) FROM customers WHERE churned_at IS NOT NULL")).isEqualTo(1);
    }

    @Test
    @Order(7)
    void aCompanyCreatedAndLinkedWhileTheScrollRunsIsNotChurnedByIt() {
        long before = service.count("SELECT count(*) FROM customers WHERE churned_at IS NULL");
        // While the scroll runs, our own push creates a company in Intercom and links it, as PushLinks does. Intercom
        // does not say a scroll shows companies created after it began (the sandbox's does not).
        service.sandbox().addFault(io.custsync.sandbox.common.Faults.on("GET", "/companies/scroll").nth(2).action(() -> {
            String created = service.sandbox().upsertCompany(Map.of("company_id", "pushed-mid-scroll", "name", "Pushed"), null);
            long local = service.jdbc().queryForObject(
                    "INSERT INTO customers (customer_id, name) VALUES ('pushed-mid-scroll', 'Pushed') RETURNING id", Long.class);
            service.jdbc().update("INSERT INTO identity_links (system, object, external_id, local_id) VALUES ('intercom', 'customers', ?, ?)",
                    created, local);
        }));
        Map<String, Object> run;
        try {
            run = service.runFlow(FLOW);
        } finally {
            service.sandbox().clearFaults();
        }
        assertThat(run).containsEntry("outcome", "succeeded").containsEntry("records_read", before);
        assertThat(service.jdbc().queryForMap("SELECT stage, churned_at FROM customers WHERE customer_id = 'pushed-mid-scroll'"))
                .containsEntry("stage", null).containsEntry("churned_at", null);
        // The next complete scroll sees it.
        assertThat(service.runFlow(FLOW)).containsEntry("records_read", before + 1);
    }

    /** The Intercom id and customer id of the n-th stored company that is not churned. */
    private static String[] linkedCompany(int n) {
        Map<String, Object> row = service.jdbc().queryForMap("""
                SELECT l.external_id, c.customer_id FROM identity_links l JOIN customers c ON c.id = l.local_id
                WHERE l.system = 'intercom' AND l.object = 'customers' AND c.churned_at IS NULL
                ORDER BY c.customer_id OFFSET ? LIMIT 1""", n);
        return new String[] {(String) row.get("external_id"), (String) row.get("customer_id")};
    }
}
