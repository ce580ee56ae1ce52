package io.custsync.sync.intercom;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.custsync.TestService;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** With customer-reply-only, conversations nobody on the customer side wrote in are not kept. */
class IntercomCustomerReplyFilterTest {

    @Test
    void onlyConversationsWithACustomerReplyAreKept() throws Exception {
        String mappings = IntercomFlowTestSupport.INTERCOM_AS_CRM.replace("known-customers-only: true",
                "known-customers-only: true, customer-reply-only: true");
        try (TestService service = TestService.start(IntercomFlowTestSupport.props(TestService.newStoreDir(), mappings))) {
            service.runFlow("intercom-companies");
            service.runFlow("intercom-contacts");
            Set<String> expected = new HashSet<>();
            int all = 0;
            for (JsonNode listed : IntercomFlowTestSupport.all(service, "conversations", "conversations")) {
                all++;
                JsonNode conversation = IntercomFlowTestSupport.api(service, "GET", "/conversations/" + listed.path("id").asText(), null);
                if (IntercomConversationsFlowTest.customerReplied(conversation)) {
                    expected.add(listed.path("id").asText());
                }
            }
            assertThat(expected).as("the seed has conversations with and without a customer reply").isNotEmpty().hasSizeLessThan(all);
            assertThat(service.runFlow("intercom-conversations")).containsEntry("outcome", "succeeded")
                    .containsEntry("records_written", (long) expected.size());
            assertThat(new HashSet<>(service.jdbc().queryForList("SELECT intercom_id FROM conversations", String.class))).isEqualTo(expected);
            assertThat(service.count("SELECT count(*) FROM conversations WHERE NOT has_customer_reply")).isZero();
        }
    }
}
