package io.custsync.sync.intercom;

import static org.assertj.core.api.Assertions.assertThat;

import io.custsync.TestService;
import io.custsync.sync.webhooks.WebhookSignature;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import io.custsync.sandbox.common.Faults;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/** The webhook endpoint as its settings make it: without a secret, over its rate, for an object whose mode does not read. */
@ExtendWith(OutputCaptureExtension.class)
class IntercomWebhookSettingsTest {

    static final HttpClient HTTP = HttpClient.newHttpClient();
    static final String SECRET = "settings-test-secret";

    static int post(TestService service, String body, String secret) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(service.url("/webhooks/intercom")))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
        if (secret != null) {
            request.header("X-Hub-Signature", WebhookSignature.header(body.getBytes(StandardCharsets.UTF_8), secret));
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString()).statusCode();
    }

    static String ticketNotification(String id, String ticketId) {
        return "{\"type\":\"notification_event\",\"id\":\"" + id + "\",\"topic\":\"ticket.state.updated\",\"created_at\":1700000000,"
                + "\"data\":{\"type\":\"notification_event_data\",\"item\":{\"type\":\"ticket\",\"id\":\"" + ticketId + "\"}}}";
    }

    @Test
    void withoutASecretTheEndpointAnswers503AndStartUpSaysSo(CapturedOutput output) throws Exception {
        Map<String, Object> props = IntercomFlowTestSupport.props(TestService.newStoreDir(), IntercomFlowTestSupport.INTERCOM_AS_CRM);
        props.put("sync.webhooks.intercom.client-secret", "");
        try (TestService service = TestService.start(props)) {
            assertThat(output.getOut()).contains("no client secret (INTERCOM_CLIENT_SECRET), so POST /webhooks/intercom answers 503");
            String body = ticketNotification("notif_no_secret", service.sandbox().ticketId(1));
            assertThat(post(service, body, "anything")).isEqualTo(503);
            assertThat(post(service, body, null)).isEqualTo(503);
            assertThat(service.count("SELECT count(*) FROM webhook_inbox")).isZero();
        }
    }

    @Test
    void overItsRateTheEndpointAnswers429AndNotificationsOfAnObjectNotReadAreIgnored(CapturedOutput output) throws Exception {
        Map<String, Object> props = IntercomFlowTestSupport.props(TestService.newStoreDir(), """
                crm: intercom
                objects:
                  customers:
                    intercom: { mode: input }
                  contacts:
                    intercom: { mode: input }
                  tickets:
                    intercom: { mode: disabled }
                """);
        props.put("sync.webhooks.intercom.client-secret", SECRET);
        props.put("sync.webhooks.intercom.rate-per-second", "1");
        props.put("sync.webhooks.intercom.burst", "5");
        try (TestService service = TestService.start(props)) {
            String ticket = service.sandbox().ticketId(1);
            assertThat(post(service, ticketNotification("notif_disabled", ticket), SECRET)).isEqualTo(200);
            Awaitility.await().atMost(Duration.ofSeconds(10)).until(() ->
                    service.count("SELECT count(*) FROM webhook_inbox WHERE notification_id = 'notif_disabled' AND status = 'ignored'") == 1);
            assertThat(service.count("SELECT count(*) FROM tickets")).isZero();
            assertThat(service.sandbox().counters().count("GET /tickets/{id}")).isZero();

            List<Integer> statuses = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                statuses.add(post(service, ticketNotification("notif_flood_" + i, ticket), i % 2 == 0 ? SECRET : null));
            }
            assertThat(statuses).contains(429);
            assertThat(statuses.subList(statuses.indexOf(429), statuses.size())).as("once over, unsigned or not").allMatch(s -> s == 429 || s == 200 || s == 401);
            assertThat(output.getOut()).doesNotContain(SECRET);
        }
    }

    /** A notification kept but not yet fetched when the service stops is fetched and stored after the restart. */
    @Test
    void aNotificationKeptBeforeAStopIsStoredAfterTheRestart() throws Exception {
        Path dir = TestService.newStoreDir();
        Map<String, Object> props = IntercomFlowTestSupport.props(dir, IntercomFlowTestSupport.INTERCOM_AS_CRM);
        props.put("sync.webhooks.intercom.client-secret", SECRET);
        props.put("sync.webhooks.intercom.retry-delay", "200ms");
        props.put("sync.webhooks.intercom.max-attempts", "50");
        String contact;
        try (TestService first = TestService.start(props)) {
            assertThat(first.runFlow("intercom-companies")).containsEntry("outcome", "succeeded");
            assertThat(first.runFlow("intercom-contacts")).containsEntry("outcome", "succeeded");
            contact = first.sandbox().contactId(4);
            first.sandbox().addFault(Faults.on("GET", "/contacts/*").status(503).times(100_000)); // Intercom failing until we stop
            String body = "{\"type\":\"notification_event\",\"id\":\"notif_restart\",\"topic\":\"contact.user.updated\","
                    + "\"created_at\":1700000000,\"data\":{\"type\":\"notification_event_data\",\"item\":{\"type\":\"contact\",\"id\":\""
                    + contact + "\"}}}";
            assertThat(post(first, body, SECRET)).isEqualTo(200);
            Awaitility.await().atMost(Duration.ofSeconds(20)).until(() ->
                    first.count("SELECT attempts FROM webhook_inbox WHERE notification_id = 'notif_restart'") >= 1);
            first.jdbc().update("UPDATE contacts SET name = 'stale before restart' WHERE id = (SELECT local_id FROM identity_links "
                    + "WHERE system = 'intercom' AND object = 'contacts' AND external_id = ?)", contact);
            assertThat(first.count("SELECT count(*) FROM webhook_inbox WHERE notification_id = 'notif_restart' AND status = 'pending'")).isEqualTo(1);
        }
        try (TestService second = TestService.start(props)) {
            // The new process's sandbox serves the same seeded workspace, without the fault.
            Awaitility.await().atMost(Duration.ofSeconds(30)).until(() ->
                    second.count("SELECT count(*) FROM webhook_inbox WHERE notification_id = 'notif_restart' AND status = 'done'") == 1);
            assertThat(second.count("SELECT count(*) FROM contacts c JOIN identity_links l ON l.local_id = c.id AND l.system = 'intercom' "
                    + "AND l.object = 'contacts' WHERE l.external_id = ? AND c.name IS DISTINCT FROM 'stale before restart'", contact)).isEqualTo(1);
        }
    }
}
