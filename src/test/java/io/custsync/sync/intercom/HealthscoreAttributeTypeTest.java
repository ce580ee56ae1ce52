package io.custsync.sync.intercom;

import static org.assertj.core.api.Assertions.assertThat;

import io.custsync.TestService;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** An existing Intercom attribute of the wrong type is a configuration error: the run fails at once, nothing is written. */
class HealthscoreAttributeTypeTest {

    private static TestService service;

    @BeforeAll
    static void start() throws Exception {
        // The sandbox's company attribute 'segment' is a string: no place for a score.
        String mappings = IntercomFlowTestSupport.INTERCOM_AS_CRM + """
                  healthscore:
                    intercom: { mode: output, attributes: { healthscore: segment } }
                """;
        service = TestService.start(IntercomFlowTestSupport.props(TestService.newStoreDir(), mappings));
        assertThat(service.runFlow("intercom-companies")).containsEntry("outcome", "succeeded");
    }

    @AfterAll
    static void stop() {
        service.close();
    }

    @Test
    void aWrongTypedAttributeFailsTheRunAsAConfigurationErrorWithoutRetryingOrWriting() {
        service.sandbox().resetCounters();
        for (int run = 0; run < 2; run++) {
            Map<String, Object> failed = service.runFlow("healthscore-push");
            assertThat(failed).containsEntry("outcome", "failed").containsEntry("api_calls", 1L);
            assertThat((String) failed.get("message")).contains("configuration error").contains("'segment'")
                    .contains("type string").contains("float");
        }
        assertThat(service.sandbox().counters().writes()).isZero();
        assertThat(service.sandbox().counters().count("GET /data_attributes")).isEqualTo(2);
    }
}
