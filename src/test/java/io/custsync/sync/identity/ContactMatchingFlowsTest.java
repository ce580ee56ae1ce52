package io.custsync.sync.identity;

import static org.assertj.core.api.Assertions.assertThat;

import io.custsync.TestService;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The second finding, over the whole stack: contacts two-way with Intercom and input from Salesforce on a
 * fresh store. The push creates each Salesforce contact in Intercom; the next Intercom read must bring it home to
 * the same row (never a copy), and the Salesforce original keeps its links. Two rounds of every flow.
 */
class ContactMatchingFlowsTest {

    private static final String MAPPINGS = """
            crm: salesforce
            objects:
              customers:
                intercom: { mode: input }
                salesforce: { mode: input }
              contacts:
                intercom: { mode: two-way }
                salesforce:
                  mode: input
                  fields: { phone: disabled }
              interactions: { intercom: { mode: disabled } }
              tickets: { intercom: { mode: disabled } }
              healthscore: { intercom: { mode: disabled } }
            """;

    @Test
    void aContactWePushedComesHomeToItsOwnRow() throws Exception {
        Path dir = TestService.newStoreDir();
        Map<String, Object> props = TestService.defaults(dir);
        props.put("sync.intercom.sandbox.seed", "5");
        props.put("sync.intercom.sandbox.companies", "6");
        props.put("sync.intercom.sandbox.contacts", "15");
        props.put("sync.intercom.sandbox.conversations", "3");
        props.put("sync.intercom.sandbox.tickets", "2");
        props.put("sync.intercom.page-size", "5");
        props.put("sync.salesforce.sandbox.seed", "5");
        props.put("sync.salesforce.sandbox.accounts", "6");
        props.put("sync.salesforce.sandbox.contacts", "12");
        props.put("sync.salesforce.sandbox.query-batch-size", "4");
        props.put("sync.salesforce.push-page-size", "5");
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("mappings.yaml"), MAPPINGS);
        props.put("sync.mappings", dir.resolve("mappings.yaml").toString());
        try (TestService service = TestService.start(props)) {
            for (int round = 1; round <= 2; round++) {
                for (String flow : List.of("salesforce-accounts", "intercom-companies", "salesforce-contacts", "intercom-contacts",
                        "intercom-contacts-push", "intercom-contacts")) {
                    assertThat(service.runFlow(flow)).as("%s, round %d", flow, round).containsEntry("outcome", "succeeded");
                }
            }
            long salesforceContacts = service.count("SELECT count(*) FROM identity_links WHERE system = 'salesforce' AND object = 'contacts'");
            assertThat(salesforceContacts).isGreaterThan(5);
            // Every Salesforce contact with an email went to Intercom and is linked there, on the same row.
            assertThat(service.count("SELECT count(*) FROM identity_links s JOIN contacts c ON c.id = s.local_id "
                    + "WHERE s.system = 'salesforce' AND s.object = 'contacts' AND c.email IS NOT NULL AND NOT EXISTS "
                    + "(SELECT 1 FROM identity_links i WHERE i.system = 'intercom' AND i.object = 'contacts' AND i.local_id = c.id)"))
                    .isZero();
            // No copy: no email is on one row linked only to Salesforce and another linked only to Intercom.
            assertThat(service.jdbc().queryForList("SELECT lower(c.email) FROM contacts c LEFT JOIN identity_links s "
                    + "ON s.system = 'salesforce' AND s.object = 'contacts' AND s.local_id = c.id WHERE c.email IS NOT NULL "
                    + "GROUP BY 1 HAVING count(*) > 1 AND count(s.local_id) > 0", String.class)).isEmpty();
            assertThat(service.count("SELECT count(*) FROM contacts")).isEqualTo(service.count(
                    "SELECT count(DISTINCT local_id) FROM identity_links WHERE object = 'contacts'"));
        }
    }
}
