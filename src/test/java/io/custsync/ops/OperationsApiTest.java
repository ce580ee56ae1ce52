package io.custsync.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.custsync.TestService;
import io.custsync.sync.Flow;
import io.custsync.sandbox.common.Faults;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.apache.camel.component.quartz.QuartzComponent;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.quartz.JobKey;

/** /api/sync, /api/connections, /api/dead-letters, the JMX "run now" and the metrics, over the running service. */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class OperationsApiTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static TestService service;

    @BeforeAll
    static void start() {
        Map<String, Object> props = TestService.defaults(TestService.newStoreDir());
        props.put("sync.intercom.sandbox.companies", "30");
        props.put("sync.intercom.sandbox.contacts", "80");
        service = TestService.start(props);
    }

    @AfterAll
    static void stop() {
        service.close();
    }

    private static JsonNode json(HttpResponse<String> response) throws Exception {
        return JSON.readTree(response.body());
    }

    private static JsonNode flow(JsonNode status, String id) {
        for (JsonNode f : status.path("flows")) {
            if (f.path("flow").asText().equals(id)) {
                return f;
            }
        }
        throw new AssertionError("no flow " + id + " in " + status);
    }

    @Test
    @Order(1)
    void theStatusShowsEveryFlowAndTheRunsThatHappened() throws Exception {
        Map<String, Object> companies = service.runFlow("intercom-companies");
        Map<String, Object> contacts = service.runFlow("intercom-contacts");
        HttpResponse<String> response = service.http("GET", "/api/sync/status", TestService.VIEWER, TestService.VIEWER_PASSWORD, null);
        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode status = json(response);
        Set<String> flows = new HashSet<>();
        status.path("flows").forEach(f -> flows.add(f.path("flow").asText()));
        for (Flow f : Flow.values()) {
            assertThat(flows).contains(f.id());
        }
        JsonNode c = flow(status, "intercom-companies");
        assertThat(c.path("mode").asText()).isEqualTo("input");
        assertThat(c.path("routeStatus").asText()).isEqualTo("Started");
        assertThat(c.path("schedule").asText()).isEqualTo("cron 0 0 0 1 1 ? 2099");
        assertThat(c.path("lastRun").path("id").asLong()).isEqualTo(companies.get("id"));
        assertThat(c.path("lastRun").path("outcome").asText()).isEqualTo("succeeded");
        assertThat(c.path("lastRun").path("read").asLong()).isEqualTo(30);
        assertThat(c.path("lastRun").path("written").asLong()).isEqualTo(30);
        assertThat(c.path("lastRun").path("apiCalls").asLong()).isEqualTo(companies.get("api_calls"));
        assertThat(c.path("recentRuns")).hasSize(1);
        JsonNode k = flow(status, "intercom-contacts");
        assertThat(k.path("lastRun").path("written").asLong()).isEqualTo(contacts.get("records_written"));
        // The lag is how far the flow is behind now: seconds after a complete run, not the age of the newest
        // (old) sandbox record, which stays visible under its own name.
        assertThat(k.path("checkpoint").path("lagSeconds").asLong(-1)).isBetween(0L, 600L);
        assertThat(Instant.parse(k.path("checkpoint").path("newestChangeRead").asText())).isBefore(Instant.now().minus(Duration.ofHours(1)));
        assertThat(flow(status, "salesforce-accounts-push").path("routeStatus").asText()).isIn("Stopped", "NotLoaded");
        // A flow its mode disables fires at no time.
        assertThat(flow(status, "salesforce-accounts-push").path("nextFireTime").isNull()).isTrue();
        assertThat(c.path("nextFireTime").isTextual()).isTrue();
        assertThat(status.path("connections").path("intercom").path("state").asText()).isEqualTo("UP");
        assertThat(status.path("connections").path("salesforce").path("state").asText()).isEqualTo("UP");
        assertThat(status.path("connections").path("salesforce").path("sandbox").asBoolean()).isTrue();
    }

    @Test
    @Order(2)
    void testingTheSalesforceConnectionLogsInAndReadsTheLimits() throws Exception {
        JsonNode answer = json(service.asAdmin("POST", "/api/connections/salesforce/test", null));
        assertThat(answer.path("state").asText()).isEqualTo("UP");
        assertThat(answer.path("kind").asText()).isEqualTo("SANDBOX");
        assertThat(answer.path("dailyApiRequests").path("max").asLong()).isPositive();
        assertThat(answer.path("dailyApiRequests").path("remaining").asLong()).isLessThan(answer.path("dailyApiRequests").path("max").asLong());
    }

    @Test
    @Order(2)
    void runNowTwiceAnswersConflictWithTheRunningRun() throws Exception {
        service.sandbox().addFault(Faults.on("GET", "/companies/scroll").latency(3000).nth(1));
        HttpResponse<String> first = service.asAdmin("POST", "/api/sync/intercom-companies/run", null);
        assertThat(first.statusCode()).isEqualTo(202);
        long runId = json(first).path("runId").asLong();
        assertThat(runId).isPositive();
        HttpResponse<String> second = service.asAdmin("POST", "/api/sync/intercom-companies/run", null);
        assertThat(second.statusCode()).isEqualTo(409);
        assertThat(json(second).path("runningRunId").asLong()).isEqualTo(runId);
        await().atMost(Duration.ofSeconds(30)).until(() ->
                service.count("SELECT count(*) FROM sync_runs WHERE id = ? AND outcome = 'succeeded'", runId) == 1);
        assertThat(service.count("SELECT count(*) FROM sync_runs WHERE flow = 'intercom-companies'")).isEqualTo(2);

        assertThat(service.http("POST", "/api/sync/intercom-companies/run", TestService.VIEWER, TestService.VIEWER_PASSWORD, null)
                .statusCode()).isEqualTo(403);
        assertThat(service.asAdmin("POST", "/api/sync/no-such-flow/run", null).statusCode()).isEqualTo(404);
        assertThat(json(service.asAdmin("POST", "/api/sync/salesforce-accounts-push/run", null)).path("error").asText())
                .contains("does not run in mode");
    }

    @Test
    @Order(3)
    void testingTheIntercomConnectionAndReauthenticatingWithoutARestart() throws Exception {
        JsonNode good = json(service.asAdmin("POST", "/api/connections/intercom/test", null));
        assertThat(good.path("state").asText()).isEqualTo("UP");
        assertThat(good.path("tokenValid").asBoolean()).isTrue();
        assertThat(good.path("workspace").asText()).isEqualTo("Intercom Sandbox");
        assertThat(good.path("region").asText()).isEqualTo("US");
        assertThat(good.path("apiVersion").asText()).isEqualTo("2.16");
        assertThat(good.path("rateLimit").path("remaining").asLong()).isPositive();

        String token = service.intercomSandbox().settings().tokens.get(0);
        service.sandbox().revokeToken(token);
        JsonNode revoked = json(service.asAdmin("POST", "/api/connections/intercom/test", null));
        assertThat(revoked.path("state").asText()).isEqualTo("NEEDS_REAUTH");
        assertThat(revoked.path("tokenValid").asBoolean()).isFalse();
        assertThat(service.runFlow("intercom-companies")).containsEntry("outcome", "skipped");
        assertThat(json(service.asAdmin("GET", "/api/sync/status", null)).path("connections").path("intercom").path("state").asText())
                .isEqualTo("NEEDS_REAUTH");

        service.sandbox().addToken("rotated-token");
        assertThat(service.http("PUT", "/api/connections/intercom/token", TestService.VIEWER, TestService.VIEWER_PASSWORD,
                "{\"token\":\"rotated-token\"}").statusCode()).isEqualTo(403);
        HttpResponse<String> set = service.asAdmin("PUT", "/api/connections/intercom/token", "{\"token\":\"rotated-token\"}");
        assertThat(set.statusCode()).isEqualTo(200);
        assertThat(set.body()).doesNotContain("rotated-token");
        assertThat(json(service.asAdmin("POST", "/api/connections/intercom/test", null)).path("state").asText()).isEqualTo("UP");
        assertThat(service.runFlow("intercom-companies")).containsEntry("outcome", "succeeded");
    }

    @Test
    @Order(4)
    void aDeadLetterReplayedAfterTheCauseIsFixedLandsTheRecord() throws Exception {
        // The cause: a rule of the team's own on the store refuses a name; one company carries it.
        service.jdbc().execute("ALTER TABLE customers ADD CONSTRAINT team_rule CHECK (name IS DISTINCT FROM 'Poison Inc')");
        service.sandbox().upsertCompany(Map.of("company_id", "cmp-poison", "name", "Poison Inc"), null);
        Map<String, Object> run = service.runFlow("intercom-companies");
        assertThat(run).containsEntry("outcome", "succeeded").containsEntry("records_dead_lettered", 1L);

        JsonNode list = json(service.http("GET", "/api/dead-letters?flow=intercom-companies", TestService.VIEWER, TestService.VIEWER_PASSWORD, null));
        assertThat(list).hasSize(1);
        long id = list.get(0).path("id").asLong();
        assertThat(list.get(0).path("error_message").asText()).contains("team_rule");
        JsonNode letter = json(service.asAdmin("GET", "/api/dead-letters/" + id, null));
        assertThat(letter.path("payloadEncoding").asText()).isEqualTo("utf-8");
        assertThat(JSON.readTree(letter.path("payload").asText()).path("company_id").asText()).isEqualTo("cmp-poison");
        assertThat(json(service.asAdmin("GET", "/api/dead-letters?error=team_rule", null))).hasSize(1);
        assertThat(json(service.asAdmin("GET", "/api/dead-letters?object=contacts", null))).isEmpty();

        // Replayed before the fix: still open, with the attempt counted.
        assertThat(service.asAdmin("POST", "/api/dead-letters/" + id + "/replay", null).statusCode()).isEqualTo(422);
        assertThat(json(service.asAdmin("GET", "/api/dead-letters/" + id, null)).path("attempts").asInt()).isEqualTo(2);

        service.jdbc().execute("ALTER TABLE customers DROP CONSTRAINT team_rule");
        HttpResponse<String> replayed = service.asAdmin("POST", "/api/dead-letters/" + id + "/replay", null);
        assertThat(replayed.statusCode()).isEqualTo(200);
        assertThat(service.count("SELECT count(*) FROM customers WHERE customer_id = 'cmp-poison' AND name = 'Poison Inc'")).isEqualTo(1);
        assertThat(json(service.asAdmin("GET", "/api/dead-letters/" + id, null)).path("status").asText()).isEqualTo("replayed");
        assertThat(json(service.asAdmin("GET", "/api/dead-letters?flow=intercom-companies", null))).isEmpty();
    }

    @Test
    @Order(5)
    void aDeadLetterCanBeDiscardedWithAReason() throws Exception {
        service.jdbc().execute("ALTER TABLE customers ADD CONSTRAINT team_rule2 CHECK (name IS DISTINCT FROM 'Junk Ltd')");
        service.sandbox().upsertCompany(Map.of("company_id", "cmp-junk", "name", "Junk Ltd"), null);
        service.runFlow("intercom-companies");
        long id = json(service.asAdmin("GET", "/api/dead-letters?flow=intercom-companies", null)).get(0).path("id").asLong();
        assertThat(service.asAdmin("POST", "/api/dead-letters/" + id + "/discard", "{}").statusCode()).isEqualTo(400);
        assertThat(service.asAdmin("POST", "/api/dead-letters/" + id + "/discard", "{\"reason\":\"test company\"}").statusCode()).isEqualTo(200);
        JsonNode letter = json(service.asAdmin("GET", "/api/dead-letters/" + id, null));
        assertThat(letter.path("status").asText()).isEqualTo("discarded");
        assertThat(letter.path("discard_reason").asText()).isEqualTo("test company");
        service.jdbc().execute("ALTER TABLE customers DROP CONSTRAINT team_rule2");
    }

    @Test
    @Order(6)
    void runNowFromTheConsoleIsAJmxOperationForTheAdmin() throws Exception {
        String exec = """
                {"type":"exec","mbean":"io.custsync:type=SyncFlows","operation":"runNow","arguments":["intercom-tickets"]}""";
        // Jolokia answers each request with its own status: the viewer's exec is refused (security/JolokiaAccessTest).
        assertThat(json(service.http("POST", "/actuator/hawtio/jolokia", TestService.VIEWER, TestService.VIEWER_PASSWORD, exec))
                .path("status").asInt()).isEqualTo(403);
        JsonNode answer = json(service.http("POST", "/actuator/hawtio/jolokia", TestService.ADMIN, TestService.ADMIN_PASSWORD, exec));
        assertThat(answer.path("status").asInt()).isEqualTo(200);
        assertThat(answer.path("value").asText()).startsWith("started intercom-tickets");
        await().atMost(Duration.ofSeconds(30)).until(() ->
                service.count("SELECT count(*) FROM sync_runs WHERE flow = 'intercom-tickets' AND outcome <> 'running'") == 1);
    }

    @Test
    @Order(7)
    void perFlowMetricsAreOnPrometheus() {
        String metrics = service.asAdmin("GET", "/actuator/prometheus", null).body();
        assertThat(metrics).contains("sync_records_total{flow=\"intercom-companies\",kind=\"read\"}")
                .contains("sync_runs_total{flow=\"intercom-companies\",outcome=\"succeeded\"}")
                .contains("sync_run_duration_seconds_count{flow=\"intercom-companies\",outcome=\"succeeded\"}")
                .contains("intercom_api_calls_total{status=\"200\"}")
                .contains("intercom_api_calls_total{status=\"401\"}");
    }
    @Test
    @Order(8)
    void aFlowWhoseRouteIsNotRunningIsRefusedAtOnceNotFiredIntoNothing() throws Exception {
        // Quartz keeps the job of a disabled or stopped route: firing it starts nothing, so nobody may be told it did.
        long started = System.nanoTime();
        HttpResponse<String> disabled = service.asAdmin("POST", "/api/sync/salesforce-accounts-push/dry-run?timeoutSeconds=60", null);
        assertThat(disabled.statusCode()).as(disabled.body()).isEqualTo(409);
        assertThat(json(disabled).path("outcome").asText()).isEqualTo("not-running");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(10));

        service.camel().getRouteController().stopRoute("intercom-tickets");
        try {
            HttpResponse<String> stopped = service.asAdmin("POST", "/api/sync/intercom-tickets/run", null);
            assertThat(stopped.statusCode()).as(stopped.body()).isEqualTo(409);
        } finally {
            service.camel().getRouteController().startRoute("intercom-tickets");
        }
    }

    @Test
    @Order(9)
    void theHousekeepingRouteDeletesTheHistoryOlderThanTheRetentionThroughTheStore() throws Exception {
        long old = service.jdbc().queryForObject("INSERT INTO sync_runs (flow, outcome, started_at, finished_at) VALUES "
                + "('housekeeping-test', 'succeeded', now() - interval '100 days', now() - interval '100 days') RETURNING id", Long.class);
        long recent = service.jdbc().queryForObject("INSERT INTO sync_runs (flow, outcome, started_at, finished_at) VALUES "
                + "('housekeeping-test', 'succeeded', now() - interval '10 days', now() - interval '10 days') RETURNING id", Long.class);
        // Off in tests (it runs nightly); started here and fired as its schedule would fire it.
        service.camel().getRouteController().startRoute("store-housekeeping");
        try {
            service.camel().getComponent("quartz", QuartzComponent.class).getScheduler().triggerJob(JobKey.jobKey("store", "housekeeping"));
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                    assertThat(service.count("SELECT count(*) FROM sync_runs WHERE id = ?", old)).isZero());
            assertThat(service.count("SELECT count(*) FROM sync_runs WHERE id = ?", recent)).isEqualTo(1);
            assertThat(service.count("SELECT count(*) FROM sync_runs WHERE flow <> 'housekeeping-test'")).isPositive();
        } finally {
            service.camel().getRouteController().stopRoute("store-housekeeping");
        }
    }
}
