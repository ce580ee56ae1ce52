package io.custsync.sandbox.intercom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Webhook notifications: envelope, HMAC-SHA1 signature, topics, one retry, 410 disables. */
class WebhooksTest {
    record Received(String body, String signature, String userAgent) {
        JsonNode json() throws Exception {
            return SandboxClient.JSON.readTree(body);
        }
    }

    IntercomSandbox sandbox;
    SandboxClient api;
    HttpServer receiver;
    String url;
    final BlockingQueue<Received> received = new LinkedBlockingQueue<>();
    final BlockingQueue<Integer> statuses = new LinkedBlockingQueue<>();

    @BeforeEach
    void start() throws Exception {
        sandbox = IntercomSandbox.builder().seed(4).clockStartEpoch(1_767_225_600L).build().start();
        api = new SandboxClient(sandbox);
        receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 10);
        receiver.createContext("/hook", ex -> {
            byte[] body = ex.getRequestBody().readAllBytes();
            received.add(new Received(new String(body, StandardCharsets.UTF_8),
                    ex.getRequestHeaders().getFirst("X-Hub-Signature"), ex.getRequestHeaders().getFirst("User-Agent")));
            Integer status = statuses.poll();
            ex.sendResponseHeaders(status == null ? 200 : status, -1);
            ex.close();
        });
        receiver.start();
        url = "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook";
    }

    @AfterEach
    void stop() {
        sandbox.close();
        receiver.stop(0);
    }

    private Received next() throws InterruptedException {
        Received r = received.poll(10, TimeUnit.SECONDS);
        assertNotNull(r, "no webhook delivered");
        return r;
    }

    private static String hmacSha1Hex(String body, String secret) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA1");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
        return HexFormat.of().formatHex(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void signedNotificationForContactCreated() throws Exception {
        sandbox.control().webhooks().subscribe(url, "s3cret", Set.of());
        String id = api.post("/contacts", Map.of("email", "hook@example.org")).json().get("id").asText();
        Received r = next();
        assertEquals("sha1=" + hmacSha1Hex(r.body(), "s3cret"), r.signature());
        assertEquals("intercom-parrot-service-client/1.0", r.userAgent());
        JsonNode n = r.json();
        assertEquals("notification_event", n.get("type").asText());
        assertEquals("contact.user.created", n.get("topic").asText());
        assertTrue(n.get("id").asText().startsWith("notif_"));
        assertEquals(1, n.get("delivery_attempts").asInt());
        assertEquals("notification_event_data", n.path("data").path("type").asText());
        assertEquals(id, n.path("data").path("item").path("id").asText());
        assertEquals("contact", n.path("data").path("item").path("type").asText());
    }

    @Test
    void topicsFilterAndItemShapes() throws Exception {
        sandbox.control().webhooks().subscribe(url, "k", Set.of("contact.user.tag.created", "contact.merged"));
        String user = sandbox.control().contactId(6);
        api.put("/contacts/" + user, Map.of("name", "Not delivered"));
        String tag = sandbox.control().tagId("Sponsor");
        api.post("/contacts/" + user + "/tags", Map.of("id", tag));
        JsonNode tagged = next().json();
        assertEquals("contact.user.tag.created", tagged.get("topic").asText());
        assertEquals("contact_tag", tagged.path("data").path("item").path("type").asText());
        assertEquals(tag, tagged.path("data").path("item").path("tag").path("id").asText());
        String lead = sandbox.control().contactId(4);
        api.post("/contacts/merge", Map.of("from", lead, "into", user));
        JsonNode merged = next().json();
        assertEquals("contact.merged", merged.get("topic").asText());
        assertEquals(lead, merged.path("data").path("item").path("merged_from").path("id").asText());
        assertNull(received.poll(300, TimeUnit.MILLISECONDS), "the name update was not subscribed");
    }

    @Test
    void failedDeliveryIsRetriedOnce() throws Exception {
        sandbox.control().webhooks().setRetryDelayMillis(50);
        sandbox.control().webhooks().subscribe(url, "k", Set.of());
        statuses.add(500);
        statuses.add(503);
        api.post("/companies", Map.of("company_id", "hooked", "name", "Hooked"));
        JsonNode first = next().json();
        JsonNode second = next().json();
        assertEquals("company.created", first.get("topic").asText());
        assertEquals(first.get("id"), second.get("id"), "same notification");
        assertEquals(2, second.get("delivery_attempts").asInt());
        assertNull(received.poll(300, TimeUnit.MILLISECONDS), "only one retry");
        assertEquals(2, sandbox.control().webhooks().deliveries().size());
    }

    @Test
    void goneDisablesTheSubscription() throws Exception {
        String sub = sandbox.control().webhooks().subscribe(url, "k", Set.of());
        statuses.add(410);
        api.post("/contacts", Map.of("email", "first@example.org"));
        next();
        for (int i = 0; i < 50 && sandbox.control().webhooks().isActive(sub); i++) {
            Thread.sleep(20);
        }
        assertFalse(sandbox.control().webhooks().isActive(sub));
        api.post("/contacts", Map.of("email", "second@example.org"));
        assertNull(received.poll(300, TimeUnit.MILLISECONDS));
        assertEquals(410, sandbox.control().webhooks().deliveries().get(0).status());
    }
}
