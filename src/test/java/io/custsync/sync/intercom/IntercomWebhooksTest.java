package io.custsync.sync.intercom;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.custsync.TestService;
import io.custsync.sync.webhooks.WebhookSignature;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Intercom's webhooks end to end: the sandbox sends signed notifications of its changes to the service's endpoint,
 * the service keeps them and fetches the records they name, with every schedule set to 2099 (no run fires).
 */
class IntercomWebhooksTest {

    static final String SECRET = "test-webhook-client-secret";
    static final String PATH = "/webhooks/intercom";
    static final ObjectMapper JSON = new ObjectMapper();
    static final HttpClient HTTP = HttpClient.newHttpClient();

    static TestService service;

    @BeforeAll
    static void start() throws Exception {
        Map<String, Object> props = IntercomFlowTestSupport.props(TestService.newStoreDir(), IntercomFlowTestSupport.INTERCOM_AS_CRM);
        props.put("sync.webhooks.intercom.client-secret", SECRET);
        props.put("sync.webhooks.intercom.max-body", "64KB");
        props.put("sync.webhooks.intercom.retry-delay", "100ms");
        props.put("sync.webhooks.intercom.max-attempts", "2");
        service = TestService.start(props);
        // The flows that others wait for have run once, as they would have long before webhooks matter.
        assertThat(service.runFlow("intercom-companies")).containsEntry("outcome", "succeeded");
        assertThat(service.runFlow("intercom-contacts")).containsEntry("outcome", "succeeded");
        service.sandbox().webhooks().subscribe(service.url(PATH), SECRET, Set.of());
    }

    @AfterAll
    static void stop() {
        if (service != null) {
            service.sandbox().webhooks().unsubscribeAll();
            service.close();
        }
    }

    static long scheduledRuns() {
        return service.count("SELECT count(*) FROM sync_runs WHERE flow LIKE 'intercom-%' AND flow <> 'intercom-webhooks'");
    }

    static String contactName(String intercomId) {
        List<String> names = service.jdbc().queryForList("SELECT c.name FROM contacts c JOIN identity_links l ON l.local_id = c.id "
                + "AND l.system = 'intercom' AND l.object = 'contacts' WHERE l.external_id = ?", String.class, intercomId);
        return names.isEmpty() ? null : names.get(0);
    }

    static long inbox(String status) {
        return service.count("SELECT count(*) FROM webhook_inbox WHERE status = ?", status);
    }

    static long fetches(String route) {
        return service.sandbox().counters().count(route);
    }

    /** A notification as Intercom shapes it, about a contact, with an item the service must not trust. */
    static String notification(String id, String contactId, String name) {
        ObjectNode n = JSON.createObjectNode();
        n.put("type", "notification_event").put("app_id", "test").put("id", id).put("topic", "contact.user.updated")
                .put("created_at", System.currentTimeMillis() / 1000).put("delivery_attempts", 1);
        ObjectNode item = n.putObject("data").put("type", "notification_event_data").putObject("item");
        item.put("type", "contact").put("id", contactId).put("name", name).put("role", "user");
        return n.toString();
    }

    static HttpResponse<String> post(String body, String signature, String user, String password, String origin) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(service.url(PATH)))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
        if (signature != null) {
            request.header("X-Hub-Signature", signature);
        }
        if (user != null) {
            request.header("Authorization", "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8)));
        }
        if (origin != null) {
            request.header("Origin", origin);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    static HttpResponse<String> signed(String body) throws Exception {
        return post(body, WebhookSignature.header(body.getBytes(StandardCharsets.UTF_8), SECRET), null, null, null);
    }

    static void awaitQuiet() {
        Awaitility.await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(50)).until(() -> inbox("pending") == 0);
    }

    @Test
    void changesInTheSandboxLandInTheStoreWithoutAScheduleFiring() throws Exception {
        long runs = scheduledRuns();
        String contact = service.sandbox().contactId(3);
        service.sandbox().updateContact(contact, Map.of("name", "Changed By Webhook"), null);
        String company = service.sandbox().companyId(2);
        service.sandbox().updateCompany(company, Map.of("name", "Company Changed By Webhook"), null);
        String ticket = service.sandbox().ticketId(1);
        String state = "202".equals(service.jdbc().queryForObject(
                "SELECT COALESCE(max(state_id), '') FROM tickets WHERE intercom_id = ?", String.class, ticket)) ? "203" : "202";
        service.sandbox().updateTicket(ticket, Map.of("title", "Title By Webhook", "ticket_state_id", state), null);

        Awaitility.await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(50)).untilAsserted(() -> {
            assertThat(contactName(contact)).isEqualTo("Changed By Webhook");
            assertThat(service.count("SELECT count(*) FROM customers c JOIN identity_links l ON l.local_id = c.id AND l.system = 'intercom' "
                    + "AND l.object = 'customers' WHERE l.external_id = ? AND c.name = 'Company Changed By Webhook'", company)).isEqualTo(1);
            assertThat(service.count("SELECT count(*) FROM tickets WHERE intercom_id = ? AND state_id = ?", ticket, state)).isEqualTo(1);
        });
        assertThat(scheduledRuns()).as("no flow run fired").isEqualTo(runs);
        assertThat(service.count("SELECT count(*) FROM sync_runs WHERE flow = 'intercom-webhooks' AND outcome = 'succeeded'")).isPositive();
    }

    @Test
    void aConversationOfAKnownCustomerLandsAndOneOfAStrangerIsLeftOut() throws Exception {
        String known = service.sandbox().contactId(14);
        assertThat(service.count("SELECT count(*) FROM identity_links WHERE system = 'intercom' AND object = 'contacts' AND external_id = ?", known))
                .isEqualTo(1);
        String ofKnown = service.sandbox().createConversation(known, Map.of("delivered_as", "customer_initiated", "body", "help please"), null);
        // A contact the store has not seen yet (its notification not sent): its conversation is no known customer's.
        service.sandbox().webhooks().unsubscribeAll();
        String stranger = service.sandbox().createContact(Map.of("role", "user", "email", "someone@unknown-domain.example"), null);
        service.sandbox().webhooks().subscribe(service.url(PATH), SECRET, Set.of());
        String ofStranger = service.sandbox().createConversation(stranger, Map.of("delivered_as", "customer_initiated", "body", "hi"), null);
        Awaitility.await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(50)).until(() ->
                service.count("SELECT count(*) FROM conversations WHERE intercom_id = ?", ofKnown) == 1);
        awaitQuiet();
        // known-customers-only holds for webhooks too
        assertThat(service.count("SELECT count(*) FROM conversations WHERE intercom_id = ?", ofStranger)).isZero();
        assertThat(service.count("SELECT count(*) FROM webhook_inbox WHERE record_id = ? AND status = 'done'", ofStranger)).isPositive();
    }

    @Test
    void aRoleTagAddedOrRemovedInTheSandboxChangesTheContactsRoles() throws Exception {
        String contact = service.sandbox().contactId(15);
        String champion = service.sandbox().tagId("Champion");
        String roles = "SELECT count(*) FROM contact_role_tags r JOIN identity_links l ON l.local_id = r.contact_id AND l.system = 'intercom' "
                + "AND l.object = 'contacts' WHERE l.external_id = ? AND r.role = 'champion' AND r.source = 'intercom'";
        try {
            service.sandbox().untagContact(contact, champion, null); // start untagged (Intercom refuses to untag what is not tagged)
        } catch (RuntimeException notTagged) {
            // it was not
        }
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> service.count(roles, contact) == 0);
        awaitQuiet();
        service.sandbox().tagContact(contact, champion, null);
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> service.count(roles, contact) == 1);
        service.sandbox().untagContact(contact, champion, null);
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> service.count(roles, contact) == 0);
    }

    @Test
    void forgedOrMissingSignaturesAre401AndStoreNothing() throws Exception {
        String contact = service.sandbox().contactId(5);
        String before = contactName(contact);
        long kept = service.count("SELECT count(*) FROM webhook_inbox");
        long fetched = fetches("GET /contacts/{id}");
        String body = notification("notif_forged_" + UUID.randomUUID(), contact, "Forged");
        assertThat(post(body, WebhookSignature.header(body.getBytes(StandardCharsets.UTF_8), "not-the-secret"), null, null, null).statusCode()).isEqualTo(401);
        assertThat(post(body, null, null, null, null).statusCode()).isEqualTo(401);
        assertThat(post(body, "sha1=zz", null, null, null).statusCode()).isEqualTo(401);
        // signed, then altered on the way
        String signature = WebhookSignature.header(body.getBytes(StandardCharsets.UTF_8), SECRET);
        assertThat(post(body.replace("Forged", "Forgeo"), signature, null, null, null).statusCode()).isEqualTo(401);
        // an admin's login does not stand in for the signature
        assertThat(post(body, null, TestService.ADMIN, TestService.ADMIN_PASSWORD, null).statusCode()).isEqualTo(401);
        Thread.sleep(500);
        assertThat(service.count("SELECT count(*) FROM webhook_inbox")).isEqualTo(kept);
        assertThat(fetches("GET /contacts/{id}")).isEqualTo(fetched);
        assertThat(contactName(contact)).isEqualTo(before);
    }

    @Test
    void aReplayedNotificationIsKeptOnceAndFetchedOnceAndItsDataIsNeverTrusted() throws Exception {
        String contact = service.sandbox().contactId(6);
        service.sandbox().webhooks().unsubscribeAll();
        try {
            service.sandbox().updateContact(contact, Map.of("name", "The Current Name"), null);
            awaitQuiet();
            long fetched = fetches("GET /contacts/{id}");
            String body = notification("notif_replayed_" + UUID.randomUUID(), contact, "What The Payload Says");
            assertThat(signed(body).statusCode()).isEqualTo(200);
            assertThat(signed(body).statusCode()).isEqualTo(200);
            awaitQuiet();
            assertThat(service.count("SELECT count(*) FROM webhook_inbox WHERE record_id = ? AND status = 'done'", contact)).isEqualTo(1);
            assertThat(fetches("GET /contacts/{id}") - fetched).isEqualTo(1);
            assertThat(contactName(contact)).isEqualTo("The Current Name");
        } finally {
            service.sandbox().webhooks().subscribe(service.url(PATH), SECRET, Set.of());
        }
    }

    @Test
    void anOlderNotificationAfterANewerOneDoesNotBringBackOldValues() throws Exception {
        String contact = service.sandbox().contactId(7);
        service.sandbox().updateContact(contact, Map.of("name", "Newest"), null);
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> "Newest".equals(contactName(contact)));
        // The notification of an earlier change arrives late, its item with the earlier value.
        assertThat(signed(notification("notif_late_" + UUID.randomUUID(), contact, "Older")).statusCode()).isEqualTo(200);
        awaitQuiet();
        assertThat(contactName(contact)).isEqualTo("Newest");
    }

    @Test
    void duplicatedShuffledBurstsEndWithTheSandboxState() throws Exception {
        service.sandbox().webhooks().setDeliveryQuirks(300, true);
        try {
            String contact = service.sandbox().contactId(8);
            for (int i = 1; i <= 20; i++) {
                service.sandbox().updateContact(contact, Map.of("name", "Burst " + i), null);
            }
            Awaitility.await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(100))
                    .until(() -> service.sandbox().webhooks().deliveries().stream().filter(d -> d.topic().startsWith("contact.")).count() >= 40);
            awaitQuiet();
            assertThat(contactName(contact)).isEqualTo("Burst 20");
        } finally {
            service.sandbox().webhooks().setDeliveryQuirks(0, false);
        }
    }

    @Test
    void aDeletedRecordEndsItsNotificationAndAPoisonOneIsADeadLetterWhileTheRestGoOn() throws Exception {
        String deleted = service.sandbox().contactId(9);
        String poisoned = service.sandbox().contactId(10);
        String fine = service.sandbox().contactId(11);
        service.sandbox().deleteContact(deleted, null);
        service.sandbox().poison("contact", poisoned, "updated_at", com.fasterxml.jackson.databind.node.LongNode.valueOf(99_999_999_999_999L));
        service.sandbox().updateContact(poisoned, Map.of("name", "Poisoned"), null);
        service.sandbox().updateContact(fine, Map.of("name", "Fine Neighbour"), null);
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> "Fine Neighbour".equals(contactName(fine)));
        awaitQuiet();
        assertThat(service.count("SELECT count(*) FROM webhook_inbox WHERE record_id = ? AND status = 'gone'", deleted)).isPositive();
        assertThat(service.count("SELECT count(*) FROM webhook_inbox WHERE record_id = ? AND status = 'failed'", poisoned)).isPositive();
        assertThat(service.count("SELECT count(*) FROM dead_letters WHERE flow = 'intercom-contacts' AND external_id = ? AND status = 'open'",
                poisoned)).isEqualTo(1);
        assertThat(service.count("SELECT count(*) FROM dead_letters WHERE external_id = ?", deleted)).isZero();
        service.sandbox().curePoison(poisoned);
    }

    @Test
    void bodiesOverTheCapAre413BeforeTheirSignatureIsLookedAt() throws Exception {
        long kept = service.count("SELECT count(*) FROM webhook_inbox");
        String big = notification("notif_big_" + UUID.randomUUID(), service.sandbox().contactId(12), "x".repeat(100_000));
        assertThat(signed(big).statusCode()).isEqualTo(413);
        String huge = notification("notif_huge_" + UUID.randomUUID(), service.sandbox().contactId(12), "x".repeat(2_000_000));
        assertThat(signed(huge).statusCode()).isEqualTo(413);
        assertThat(service.count("SELECT count(*) FROM webhook_inbox")).isEqualTo(kept);
    }

    @Test
    void theSignatureDecidesWhateverTheLoginOrOrigin() throws Exception {
        String contact = service.sandbox().contactId(13);
        for (String[] who : new String[][] {{null, null}, {TestService.VIEWER, TestService.VIEWER_PASSWORD},
                {TestService.ADMIN, TestService.ADMIN_PASSWORD}, {TestService.ADMIN, "wrong-password"}}) {
            String body = notification("notif_as_" + who[0] + "_" + UUID.randomUUID(), contact, "ignored");
            String signature = WebhookSignature.header(body.getBytes(StandardCharsets.UTF_8), SECRET);
            assertThat(post(body, signature, who[0], who[1], null).statusCode()).as("signed, as %s", who[0]).isEqualTo(200);
            assertThat(post(body, null, who[0], who[1], null).statusCode()).as("unsigned, as %s", who[0]).isEqualTo(401);
            // a page on another site can make a browser post, but cannot sign
            assertThat(post(body, null, who[0], who[1], "http://evil.example").statusCode()).as("cross-site, as %s", who[0]).isEqualTo(401);
        }
        // Only POST is open: reading the path is the console's, like every other path.
        HttpResponse<String> get = HTTP.send(HttpRequest.newBuilder(URI.create(service.url(PATH))).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(get.statusCode()).isEqualTo(401);
        awaitQuiet();
    }

    @Test
    void topicsNoFlowReadsAreAnsweredAndNotKept() throws Exception {
        long kept = service.count("SELECT count(*) FROM webhook_inbox");
        String ping = "{\"type\":\"notification_event\",\"id\":\"notif_ping_" + UUID.randomUUID() + "\",\"topic\":\"ping\","
                + "\"data\":{\"type\":\"notification_event_data\",\"item\":{\"type\":\"ping\",\"message\":\"hi\"}}}";
        assertThat(signed(ping).statusCode()).isEqualTo(200);
        assertThat(signed("{\"not\":\"a notification\"}").statusCode()).isEqualTo(400);
        assertThat(service.count("SELECT count(*) FROM webhook_inbox")).isEqualTo(kept);
    }
}
