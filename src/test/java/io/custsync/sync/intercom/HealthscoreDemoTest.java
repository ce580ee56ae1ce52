package io.custsync.sync.intercom;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.custsync.TestService;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * The README's demo: the shipped config/mappings.yaml (healthscore output) with sync.demo.seed-healthscores: the push
 * waits for the first companies read, is then fired by it, seeds deterministic scores and pushes every one.
 */
class HealthscoreDemoTest {

    @Test
    void seededHealthscoresArePushedOnceTheCompaniesAreRead() throws Exception {
        Map<String, Object> props = IntercomFlowTestSupport.props(TestService.newStoreDir(), null);
        props.put("sync.demo.seed-healthscores", "sandbox"); // the shipped default: seeded when the sandbox is used
        try (TestService service = TestService.start(props)) {
            Map<String, Object> early = service.runFlow("healthscore-push");
            assertThat(early).containsEntry("outcome", "skipped");
            assertThat((String) early.get("message")).contains("waiting for the first complete run of intercom-companies");

            assertThat(service.runFlow("intercom-companies")).containsEntry("outcome", "succeeded");
            List<Map<String, Object>> pushed = Awaitility.await().atMost(Duration.ofMinutes(1)).until(() -> service.jdbc().queryForList(
                    "SELECT * FROM sync_runs WHERE flow = 'healthscore-push' AND outcome = 'succeeded'"), rows -> !rows.isEmpty());
            assertThat(pushed.get(0)).containsEntry("records_written", 40L);
            assertThat((String) pushed.get(0).get("message")).contains("update=40").contains("create-attribute=2");
            assertThat(service.count("SELECT count(*) FROM customers WHERE healthscore BETWEEN 0 AND 100 "
                    + "AND csm_pulse IN ('green', 'yellow', 'red')")).isEqualTo(40);
            Map<String, Object> one = service.jdbc().queryForMap("""
                    SELECT l.external_id, c.healthscore FROM customers c JOIN identity_links l ON l.system = 'intercom'
                    AND l.object = 'customers' AND l.local_id = c.id ORDER BY c.id LIMIT 1""");
            JsonNode company = IntercomFlowTestSupport.api(service, "GET", "/companies/" + one.get("external_id"), null);
            assertThat(company.path("custom_attributes").path("healthscore").decimalValue())
                    .isEqualByComparingTo((java.math.BigDecimal) one.get("healthscore"));
        }
    }
}
