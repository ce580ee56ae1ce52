package io.custsync.sync.salesforce;

import static org.assertj.core.api.Assertions.assertThat;

import io.custsync.TestService;
import io.custsync.sandbox.salesforce.SalesforceControl;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * routes/salesforce-push.camel.yaml with a push page larger than a Salesforce collection: the page goes out in
 * sObject Collections calls of at most 200 records, and one refused record does not hold back the others.
 */
class SalesforcePushBatchesTest {

    @Test
    void aPageOf450NewAccountsGoesOutInThreeCollectionsOfAtMost200() throws Exception {
        String mappings = SalesforceFlowTestSupport.mappings("output", "disabled", "fields: { customer-id: Customer_ID__c }");
        Map<String, Object> props = SalesforceFlowTestSupport.props(TestService.newStoreDir(), mappings);
        props.put("sync.salesforce.push-page-size", "450");
        try (TestService service = TestService.start(props)) {
            SalesforceControl sf = SalesforceFlowTestSupport.sandbox(service);
            service.jdbc().update("INSERT INTO customers (customer_id, name) SELECT 'BATCH-' || g, 'Batch ' || g FROM generate_series(1, 450) g");
            // One of them breaks Salesforce's 255-character limit on Name.
            service.jdbc().update("UPDATE customers SET name = repeat('x', 300) WHERE customer_id = 'BATCH-321'");
            long accounts = sf.recordCount("Account");

            Map<String, Object> run = service.runFlow("salesforce-accounts-push");
            assertThat(run).containsEntry("outcome", "succeeded").containsEntry("records_read", 450L)
                    .containsEntry("records_written", 449L).containsEntry("records_dead_lettered", 1L)
                    .containsEntry("api_calls", 4L); // the active users, then collections of 200, 200 and 50
            assertThat(sf.recordCount("Account")).isEqualTo(accounts + 449);
            assertThat(service.jdbc().queryForObject("SELECT error_code FROM dead_letters WHERE external_id = 'BATCH-321'", String.class))
                    .isEqualTo("STRING_TOO_LONG");
            assertThat(service.count("SELECT count(*) FROM identity_links WHERE system = 'salesforce' AND object = 'customers'"))
                    .isEqualTo(449);
        }
    }
}
