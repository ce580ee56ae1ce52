package io.custsync.faults;

import static org.assertj.core.api.Assertions.assertThat;

import io.custsync.TestService;
import io.custsync.sandbox.common.Faults;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The long faults: every request answered 429 for about half a minute, then a call that takes 30 s, a 5xx
 * burst, a truncated page and a reset connection in one run. The run finishes with every record.
 */
class FaultStormTest {

    @Test
    void aRunWeathersA429StormAThirtySecondAnswerAndBrokenPages() {
        Map<String, Object> props = TestService.defaults(TestService.newStoreDir());
        props.put("sync.intercom.sandbox.contacts", "120");
        props.put("sync.intercom.page-size", "20");
        try (TestService service = TestService.start(props)) {
            service.runFlow("intercom-companies");
            long started = System.nanoTime();
            // Each 429 is waited out until its 10-second window resets: four in a row is a storm of ~30-40 s.
            service.sandbox().addFault(Faults.on("*", "**").status(429).times(4));
            service.sandbox().addFault(Faults.on("POST", "/contacts/search").latency(30_000).nth(2));
            service.sandbox().addFault(Faults.on("POST", "/contacts/search").status(503).times(3));
            service.sandbox().addFault(Faults.on("POST", "/contacts/search").truncate().nth(5));
            service.sandbox().addFault(Faults.on("POST", "/contacts/search").reset().nth(6));
            Map<String, Object> run = service.runFlow("intercom-contacts");
            assertThat(run).containsEntry("outcome", "succeeded").containsEntry("records_written", 120L)
                    .containsEntry("rate_limited", 4L);
            assertThat(service.count("SELECT count(*) FROM contacts")).isEqualTo(120);
            assertThat(service.count("SELECT count(DISTINCT contact_id) FROM contacts")).isEqualTo(120);
            assertThat((System.nanoTime() - started) / 1_000_000_000).isGreaterThanOrEqualTo(30);
        }
    }
}
