package io.custsync.sync.identity;

import static org.assertj.core.api.Assertions.assertThat;

import io.custsync.TestService;
import io.custsync.sandbox.intercom.IntercomControl;
import io.custsync.sandbox.salesforce.SalesforceControl;
import io.custsync.sandbox.salesforce.SalesforceSandbox;
import io.custsync.salesforce.SalesforceConnection;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The finding, over the whole stack: customers read (input) from both Intercom and Salesforce, on sandboxes
 * that share some customers by website. Each shared customer must be one local row linked to both systems, over two
 * rounds of both reads and in either order; a domain two accounts share is an ambiguity (no link, a merge candidate);
 * a public mail domain never matches.
 */
class CustomerMatchingFlowsTest {

    private static final String MAPPINGS = """
            crm: salesforce
            objects:
              customers:
                intercom: { mode: input }
                salesforce: { mode: input }
              contacts:
                intercom: { mode: disabled }
                salesforce: { mode: disabled }
              interactions: { intercom: { mode: disabled } }
              tickets: { intercom: { mode: disabled } }
              healthscore: { intercom: { mode: disabled } }
            """;

    private static TestService service;
    private static IntercomControl ic;
    private static SalesforceControl sf;

    @BeforeAll
    static void start() throws Exception {
        Path dir = TestService.newStoreDir();
        Map<String, Object> props = TestService.defaults(dir);
        props.put("sync.intercom.sandbox.seed", "5");
        props.put("sync.intercom.sandbox.companies", "12");
        props.put("sync.intercom.sandbox.contacts", "20");
        props.put("sync.intercom.sandbox.conversations", "5");
        props.put("sync.intercom.sandbox.tickets", "2");
        props.put("sync.intercom.page-size", "5");
        props.put("sync.salesforce.sandbox.seed", "5");
        props.put("sync.salesforce.sandbox.accounts", "10");
        props.put("sync.salesforce.sandbox.contacts", "10");
        props.put("sync.salesforce.sandbox.query-batch-size", "4");
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("mappings.yaml"), MAPPINGS);
        props.put("sync.mappings", dir.resolve("mappings.yaml").toString());
        service = TestService.start(props);
        ic = service.sandbox();
        sf = service.context().getBean(SalesforceConnection.class).sandbox(SalesforceSandbox.class).control();
    }

    @AfterAll
    static void stop() {
        service.close();
    }

    @Test
    void aCustomerInBothSystemsIsOneRowLinkedToBoth() {
        String sfOne = sf.createRecord("Account", Map.of("Name", "Shared One", "Website", "https://www.shared-one.test/about"), null);
        String sfTwo = sf.createRecord("Account", Map.of("Name", "Shared Two", "Website", "shared-two.test"), null);
        String twinA = sf.createRecord("Account", Map.of("Name", "Twin A", "Website", "https://twins.test"), null);
        String twinB = sf.createRecord("Account", Map.of("Name", "Twin B", "Website", "http://www.twins.test/b"), null);
        String sfPublic = sf.createRecord("Account", Map.of("Name", "Freelancer", "Website", "gmail.com"), null);
        String icOne = ic.upsertCompany(Map.of("company_id", "ic-shared-one", "name", "Shared One", "website", "http://Shared-One.test"), null);
        String icTwo = ic.upsertCompany(Map.of("company_id", "ic-shared-two", "name", "Shared Two", "website", "https://www.shared-two.test/"), null);
        String icTwins = ic.upsertCompany(Map.of("company_id", "ic-twins", "name", "Twins", "website", "twins.test"), null);
        String icPublic = ic.upsertCompany(Map.of("company_id", "ic-public", "name", "Someone", "website", "https://gmail.com"), null);
        // Only in Intercom at first; its Salesforce account comes between the rounds (the other order of arrival).
        String icThree = ic.upsertCompany(Map.of("company_id", "ic-shared-three", "name", "Shared Three", "website", "shared-three.test"), null);

        read();
        String sfThree = sf.createRecord("Account", Map.of("Name", "Shared Three", "Website", "https://www.shared-three.test"), null);
        read();

        for (String[] pair : new String[][] {{icOne, sfOne}, {icTwo, sfTwo}, {icThree, sfThree}}) {
            Long viaIntercom = local("intercom", pair[0]);
            assertThat(viaIntercom).as("Intercom company %s", pair[0]).isNotNull().isEqualTo(local("salesforce", pair[1]));
        }
        assertThat(service.count("SELECT count(*) FROM customers WHERE domain IN ('shared-one.test', 'shared-two.test', 'shared-three.test')"))
                .isEqualTo(3);

        // Two accounts on one domain: the Intercom company is linked to neither, and the pair is left to an operator.
        Long twins = local("intercom", icTwins);
        assertThat(twins).isNotEqualTo(local("salesforce", twinA)).isNotEqualTo(local("salesforce", twinB));
        Map<String, Object> candidate = service.jdbc().queryForMap(
                "SELECT object, rule, status, candidate_ids::text AS ids FROM merge_candidates WHERE system = 'intercom' AND external_id = ?", icTwins);
        assertThat(candidate).containsEntry("object", "customers").containsEntry("rule", "domain").containsEntry("status", "open")
                .containsEntry("ids", "{" + local("salesforce", twinA) + "," + local("salesforce", twinB) + "}");
        assertThat(service.count("SELECT count(*) FROM merge_candidates")).isEqualTo(1);

        // A public mail domain says nothing about who the customer is.
        assertThat(local("intercom", icPublic)).isNotEqualTo(local("salesforce", sfPublic));

        // Everything else (the seeded data shares no website) is a row of its own: exactly three rows have both links.
        long intercomLinks = service.count("SELECT count(*) FROM identity_links WHERE system = 'intercom' AND object = 'customers'");
        long salesforceLinks = service.count("SELECT count(*) FROM identity_links WHERE system = 'salesforce' AND object = 'customers'");
        assertThat(intercomLinks).isEqualTo(12 + 5);
        assertThat(service.count("SELECT count(*) FROM customers")).isEqualTo(intercomLinks + salesforceLinks - 3);
        assertThat(service.count("SELECT count(*) FROM (SELECT local_id FROM identity_links WHERE object = 'customers' "
                + "GROUP BY local_id HAVING count(*) > 1) both_linked")).isEqualTo(3);
    }

    /** One round: every customer read, Salesforce first. */
    private static void read() {
        for (String flow : List.of("salesforce-accounts", "intercom-companies")) {
            assertThat(service.runFlow(flow)).as(flow).containsEntry("outcome", "succeeded").containsEntry("records_dead_lettered", 0L);
        }
    }

    private static Long local(String system, String externalId) {
        List<Long> ids = service.jdbc().queryForList("SELECT local_id FROM identity_links WHERE system = ? AND object = 'customers' "
                + "AND external_id = ?", Long.class, system, externalId);
        return ids.isEmpty() ? null : ids.get(0);
    }
}
