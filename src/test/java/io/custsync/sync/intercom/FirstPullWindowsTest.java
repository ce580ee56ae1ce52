package io.custsync.sync.intercom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.custsync.TestService;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/**
 * first-pull-days shapes a windowed read's first run only: raised later, start-up says so (naming the flow and the
 * setting), and {@code POST /api/sync/{flow}/repull} (admin) makes the next run read the wider window.
 */
@ExtendWith(OutputCaptureExtension.class)
class FirstPullWindowsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static String mappings(int days) {
        return """
                crm: intercom
                objects:
                  customers:
                    intercom: { mode: input }
                  contacts:
                    intercom: { mode: input }
                  interactions:
                    intercom: { mode: input, first-pull-days: %d, known-customers-only: true }
                  tickets:
                    intercom: { mode: input, first-pull-days: %d }
                """.formatted(days, days);
    }

    private static Map<String, Object> runOf(TestService service, long runId) {
        return await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(100))
                .until(() -> service.jdbc().queryForMap("SELECT * FROM sync_runs WHERE id = ?", runId), r -> !"running".equals(r.get("outcome")));
    }

    @Test
    void aRaisedFirstPullIsReportedAtStartUpAndARepullReadsTheWiderWindow(CapturedOutput output) throws Exception {
        Path dir = TestService.newStoreDir();
        long conversationsIn30Days;
        long ticketsIn30Days;
        try (TestService first = TestService.start(IntercomFlowTestSupport.props(dir, mappings(30)))) {
            for (String flow : new String[] {"intercom-companies", "intercom-contacts", "intercom-conversations", "intercom-tickets"}) {
                assertThat(first.runFlow(flow)).as(flow).containsEntry("outcome", "succeeded");
            }
            conversationsIn30Days = first.count("SELECT count(*) FROM conversations");
            ticketsIn30Days = first.count("SELECT count(*) FROM tickets");
            assertThat(first.jdbc().queryForObject("SELECT read_from FROM sync_checkpoints WHERE flow = 'intercom-tickets'", Timestamp.class)
                    .toInstant()).isBetween(Instant.now().minus(Duration.ofDays(30)).minus(Duration.ofMinutes(5)), Instant.now().minus(Duration.ofDays(29)));
            // Only the admin re-pulls.
            assertThat(first.http("POST", "/api/sync/intercom-conversations/repull", null, null, "{\"days\": 90}").statusCode()).isEqualTo(401);
            assertThat(first.http("POST", "/api/sync/intercom-conversations/repull", TestService.VIEWER, TestService.VIEWER_PASSWORD,
                    "{\"days\": 90}").statusCode()).isEqualTo(403);
            assertThat(first.count("SELECT count(*) FROM sync_checkpoints WHERE repull_from IS NOT NULL")).isZero();
        }
        assertThat(output.getOut()).doesNotContain("has read back only to");

        try (TestService second = TestService.start(IntercomFlowTestSupport.props(dir, mappings(3650)))) {
            for (String[] flow : new String[][] {{"intercom-conversations", "objects.interactions.intercom.first-pull-days"},
                    {"intercom-tickets", "objects.tickets.intercom.first-pull-days"}}) {
                assertThat(output.getOut()).containsPattern("WARN.*Flow " + flow[0] + ": " + flow[1].replace(".", "\\.")
                        + " is 3650 days, but the flow has read back only to .* POST /api/sync/" + flow[0] + "/repull");
            }
            // Raising the setting alone changes nothing: the next run reads from its checkpoint.
            Map<String, Object> incremental = second.runFlow("intercom-tickets");
            assertThat(incremental).containsEntry("outcome", "succeeded").containsEntry("records_written", 0L);
            assertThat(second.count("SELECT count(*) FROM tickets")).isEqualTo(ticketsIn30Days);

            HttpResponse<String> repull = second.asAdmin("POST", "/api/sync/intercom-conversations/repull", "{\"days\": 3650}");
            assertThat(repull.statusCode()).as(repull.body()).isEqualTo(202);
            JsonNode answer = JSON.readTree(repull.body());
            assertThat(Instant.parse(answer.path("from").asText())).isCloseTo(Instant.now().minus(Duration.ofDays(3650)), 
                    org.assertj.core.api.Assertions.within(1, ChronoUnit.MINUTES));
            Map<String, Object> run = runOf(second, answer.path("runId").asLong());
            long expected = IntercomFlowTestSupport.all(second, "conversations", "conversations").size();
            assertThat(run).containsEntry("outcome", "succeeded");
            assertThat(expected).isGreaterThan(conversationsIn30Days);
            assertThat(second.count("SELECT count(*) FROM conversations")).isEqualTo(expected);

            HttpResponse<String> tickets = second.asAdmin("POST", "/api/sync/intercom-tickets/repull?days=3650", null);
            assertThat(tickets.statusCode()).as(tickets.body()).isEqualTo(202);
            assertThat(runOf(second, JSON.readTree(tickets.body()).path("runId").asLong())).containsEntry("outcome", "succeeded");
            assertThat(second.count("SELECT count(*) FROM tickets")).isEqualTo(IntercomFlowTestSupport.all(second, "tickets", "tickets").size())
                    .isGreaterThan(ticketsIn30Days);

            // Done: the re-pull is consumed, the reach is kept, later runs are incremental again, and start-up is quiet.
            assertThat(second.count("SELECT count(*) FROM sync_checkpoints WHERE repull_from IS NOT NULL")).isZero();
            assertThat(second.runFlow("intercom-conversations")).containsEntry("records_written", 0L);
            int warnings = output.getOut().split("has read back only to", -1).length;
            second.context().getBean(FirstPullWindows.class).warnAboutRaisedSettings();
            assertThat(output.getOut().split("has read back only to", -1).length).isEqualTo(warnings);

            // What cannot be re-pulled.
            assertThat(second.asAdmin("POST", "/api/sync/no-such-flow/repull", "{\"days\": 3}").statusCode()).isEqualTo(404);
            HttpResponse<String> contacts = second.asAdmin("POST", "/api/sync/intercom-contacts/repull", "{\"days\": 3}");
            assertThat(contacts.statusCode()).isEqualTo(409);
            assertThat(contacts.body()).contains("no first-pull window");
            for (String body : new String[] {"{\"days\": 0}", "{\"days\": 3651}", "{\"days\": 2.5}", "{}", null}) {
                assertThat(second.asAdmin("POST", "/api/sync/intercom-tickets/repull", body).statusCode()).as(body).isEqualTo(400);
            }
        }
    }
}
