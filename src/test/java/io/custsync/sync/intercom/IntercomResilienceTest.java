package io.custsync.sync.intercom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.custsync.TestService;
import io.custsync.intercom.IntercomConnection;
import io.custsync.sandbox.common.Faults;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The Intercom client under trouble: 429 storms, 5xx bursts, a revoked token, a service stopped mid-run. */
class IntercomResilienceTest {

    @Test
    void rateLimitAndServerErrorsAreWaitedOutWithoutLosingRecords() throws Exception {
        try (TestService service = TestService.start(IntercomFlowTestSupport.props(TestService.newStoreDir(), IntercomFlowTestSupport.INTERCOM_AS_CRM))) {
            service.runFlow("intercom-companies");
            long contacts = IntercomFlowTestSupport.allContacts(service).size();
            // Two search pages answered 429 (each waited out until the window resets), three follow-ups 503, two timeouts' worth of resets.
            service.sandbox().addFault(Faults.on("POST", "/contacts/search").status(429).times(2));
            service.sandbox().addFault(Faults.on("GET", "/contacts/*/companies").status(503).times(3));
            service.sandbox().addFault(Faults.on("POST", "/contacts/search").reset().nth(4));
            service.sandbox().addFault(Faults.on("POST", "/contacts/search").truncate().nth(6));
            Map<String, Object> run = service.runFlow("intercom-contacts");
            assertThat(run).containsEntry("outcome", "succeeded").containsEntry("records_written", contacts)
                    .containsEntry("rate_limited", 2L);
            assertThat(service.count("SELECT count(*) FROM contacts")).isEqualTo(contacts);
            assertThat(service.count("SELECT count(DISTINCT contact_id) FROM contacts")).isEqualTo(contacts);
        }
    }

    @Test
    void aRateLimitResetFarAwayIsATransientErrorNotAWaitThatHoldsEveryFlow() throws Exception {
        Map<String, Object> props = IntercomFlowTestSupport.props(TestService.newStoreDir(), IntercomFlowTestSupport.INTERCOM_AS_CRM);
        props.put("sync.intercom.rate-limit-max-wait", "2s");
        props.put("sync.intercom.max-attempts", "3");
        try (TestService service = TestService.start(props)) {
            service.runFlow("intercom-companies");
            long contacts = IntercomFlowTestSupport.allContacts(service).size();
            long yearAway = service.sandbox().now() + 365L * 24 * 3600;
            // Two answers say the window resets in a year: retried as failed calls, the run completes.
            service.sandbox().addFault(Faults.on("POST", "/contacts/search").status(429).header("X-RateLimit-Reset", Long.toString(yearAway)).times(2));
            long started = System.nanoTime();
            Map<String, Object> run = service.runFlow("intercom-contacts");
            assertThat(run).containsEntry("outcome", "succeeded").containsEntry("records_written", contacts);
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(60));

            // Every answer says so: the run fails after its attempts, naming the header, and other flows go on.
            service.sandbox().addFault(Faults.on("POST", "/tickets/search").status(429).header("X-RateLimit-Reset", Long.toString(yearAway)).times(1000));
            started = System.nanoTime();
            Map<String, Object> failed = service.runFlow("intercom-tickets");
            assertThat(failed).containsEntry("outcome", "failed").containsEntry("api_calls", 3L);
            assertThat((String) failed.get("message")).contains("429").contains("X-RateLimit-Reset " + yearAway)
                    .contains("sync.intercom.rate-limit-max-wait");
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(60));
            started = System.nanoTime();
            assertThat(service.runFlow("intercom-companies")).containsEntry("outcome", "succeeded");
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(30));
        }
    }

    @Test
    void aRevokedTokenPausesTheFlowsUntilANewTokenIsSet() throws Exception {
        try (TestService service = TestService.start(IntercomFlowTestSupport.props(TestService.newStoreDir(), IntercomFlowTestSupport.INTERCOM_AS_CRM))) {
            IntercomConnection intercom = service.intercom();
            String token = service.intercomSandbox().settings().tokens.get(0);
            service.sandbox().revokeToken(token);

            Map<String, Object> refused = service.runFlow("intercom-companies");
            assertThat(refused).containsEntry("outcome", "failed").containsEntry("api_calls", 1L);
            assertThat((String) refused.get("message")).contains("401").contains("token_revoked");
            assertThat(intercom.state()).isEqualTo(IntercomConnection.State.NEEDS_REAUTH);

            // No further calls while the token is known to be bad: the next run skips with the reason.
            long callsBefore = service.sandbox().counters().total();
            Map<String, Object> paused = service.runFlow("intercom-companies");
            assertThat(paused).containsEntry("outcome", "skipped").containsEntry("api_calls", 0L);
            assertThat((String) paused.get("message")).contains("needs re-authentication").contains("token_revoked");
            assertThat(service.sandbox().counters().total()).isEqualTo(callsBefore);
            HttpResponse<String> health = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(service.url("/actuator/health"))).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(health.statusCode()).isEqualTo(503);
            assertThat(health.body()).contains("NEEDS_REAUTH");

            service.sandbox().addToken("a-new-token");
            intercom.replaceToken("a-new-token");
            assertThat(service.runFlow("intercom-companies")).containsEntry("outcome", "succeeded").containsEntry("records_written", 40L);
            assertThat(intercom.state()).isEqualTo(IntercomConnection.State.UP);
        }
    }

    @Test
    void aServiceStoppedMidRunLosesAndDuplicatesNothingWhenStartedAgain() throws Exception {
        Path store = TestService.newStoreDir();
        Map<String, Object> props = IntercomFlowTestSupport.props(store, IntercomFlowTestSupport.INTERCOM_AS_CRM);
        props.put("camel.main.shutdown-timeout", "1"); // stop as abruptly as Camel allows: in-flight work is abandoned
        long expected;
        try (TestService first = TestService.start(props)) {
            first.runFlow("intercom-companies");
            expected = IntercomFlowTestSupport.allContacts(first).size();
            // The 4th search page hangs; the service is stopped while the run waits for it.
            first.sandbox().addFault(Faults.on("POST", "/contacts/search").latency(20_000).nth(4));
            first.context().getBean(io.custsync.ops.FlowTrigger.class).fireNow("intercom-contacts");
            await().atMost(Duration.ofSeconds(30)).until(() ->
                    first.count("SELECT count(*) FROM sync_checkpoints WHERE flow = 'intercom-contacts'") == 1);
        }
        try (TestService second = TestService.start(props)) {
            long partial = second.count("SELECT count(*) FROM contacts");
            assertThat(partial).isPositive().isLessThan(expected);
            assertThat(second.count("SELECT count(*) FROM sync_runs WHERE flow = 'intercom-contacts' AND outcome = 'running'")).isZero();
            Map<String, Object> resumed = second.runFlow("intercom-contacts");
            assertThat(resumed).containsEntry("outcome", "succeeded");
            assertThat(second.count("SELECT count(*) FROM contacts")).isEqualTo(expected);
            assertThat(second.count("SELECT count(DISTINCT contact_id) FROM contacts")).isEqualTo(expected);
            assertThat(second.count("SELECT count(*) FROM identity_links WHERE object = 'contacts'")).isEqualTo(expected);
        }
    }
}
