package io.custsync.sandbox.intercom;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.custsync.sandbox.common.SandboxClock;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Webhook notifications as Intercom sends them: envelope {@code notification_event} with {@code data.item}, body
 * signed {@code X-Hub-Signature: sha1=<hex HMAC-SHA1(body, client_secret)>}, 5-second timeout, one retry after a
 * minute (configurable for tests), 410 disables the subscription. Delivery is asynchronous, at-least-once, a few at a time.
 */
public final class Webhooks {
    /** One delivery attempt, for tests and the control API. */
    public record Delivery(String notificationId, String topic, String url, int attempt, int status) {
    }

    static final class Subscription {
        final String id = "sub_" + UUID.randomUUID();
        final String url;
        final String secret;
        final Set<String> topics;
        volatile boolean active = true;

        Subscription(String url, String secret, Set<String> topics) {
            this.url = url;
            this.secret = secret;
            this.topics = topics;
        }

        boolean wants(String topic) {
            return active && (topics.isEmpty() || topics.contains(topic));
        }
    }

    private final List<Subscription> subscriptions = new CopyOnWriteArrayList<>();
    private static final int DELIVERY_THREADS = 4;
    private final List<Delivery> deliveries = new CopyOnWriteArrayList<>();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    // Several deliveries at once, as Intercom's senders make them (independent requests, in no guaranteed order).
    private final ScheduledExecutorService executor = Executors.newScheduledThreadPool(DELIVERY_THREADS, r -> {
        Thread t = new Thread(r, "intercom-sandbox-webhooks");
        t.setDaemon(true);
        return t;
    });
    private final SandboxClock clock;
    private final String appId;
    private volatile long retryDelayMillis = 60_000;
    /** Delivery quirks Intercom allows itself (at least once, order not guaranteed), off by default. */
    private volatile long maxDelayMillis;
    private volatile boolean duplicates;
    private final java.util.Random quirks = new java.util.Random(7);

    Webhooks(SandboxClock clock, String appId) {
        this.clock = clock;
        this.appId = appId;
    }

    /** Subscribes {@code url} to the topics (empty = all), signing with {@code clientSecret}; returns the subscription id. */
    public String subscribe(String url, String clientSecret, Set<String> topics) {
        Subscription s = new Subscription(url, clientSecret, Set.copyOf(topics));
        subscriptions.add(s);
        return s.id;
    }

    public void unsubscribeAll() {
        subscriptions.clear();
    }

    /** False once the receiver answered 410. */
    public boolean isActive(String subscriptionId) {
        return subscriptions.stream().anyMatch(s -> s.id.equals(subscriptionId) && s.active);
    }

    public List<Delivery> deliveries() {
        return new ArrayList<>(deliveries);
    }

    public void setRetryDelayMillis(long millis) {
        retryDelayMillis = Math.max(0, millis);
    }

    /**
     * Delivers each notification after a random delay of up to {@code maxDelayMillis} (so later changes may arrive
     * first), and with {@code duplicates} twice (same id): what Intercom's at-least-once, unordered delivery permits.
     */
    public void setDeliveryQuirks(long maxDelayMillis, boolean duplicates) {
        this.maxDelayMillis = Math.max(0, maxDelayMillis);
        this.duplicates = duplicates;
    }

    void close() {
        executor.shutdownNow();
    }

    boolean hasSubscribers() {
        return subscriptions.stream().anyMatch(s -> s.active);
    }

    /** Queues a notification of {@code topic} about {@code item} to every interested subscription. */
    void publish(String topic, JsonNode item) {
        long now = clock.epochSecond();
        for (Subscription s : subscriptions) {
            if (!s.wants(topic)) {
                continue;
            }
            ObjectNode n = Views.obj();
            n.put("type", "notification_event");
            n.put("app_id", appId);
            ObjectNode data = n.putObject("data");
            data.put("type", "notification_event_data");
            data.set("item", item);
            n.putNull("links");
            n.put("id", "notif_" + UUID.randomUUID());
            n.put("topic", topic);
            n.put("delivery_status", "pending");
            n.put("delivery_attempts", 1);
            n.putNull("delivered_at");
            n.put("first_sent_at", now);
            n.put("created_at", now);
            n.putNull("self");
            long delay = maxDelayMillis == 0 ? 0 : nextDelay();
            executor.schedule(() -> deliver(s, n, 1), delay, TimeUnit.MILLISECONDS);
            if (duplicates) {
                ObjectNode again = n.deepCopy();
                executor.schedule(() -> deliver(s, again, 1), maxDelayMillis == 0 ? 0 : nextDelay(), TimeUnit.MILLISECONDS);
            }
        }
    }

    private long nextDelay() {
        synchronized (quirks) {
            return (long) (quirks.nextDouble() * (maxDelayMillis + 1));
        }
    }

    private void deliver(Subscription s, ObjectNode notification, int attempt) {
        if (!s.active) {
            return;
        }
        notification.put("delivery_attempts", attempt);
        byte[] body = notification.toString().getBytes(StandardCharsets.UTF_8);
        int status;
        try {
            HttpRequest req = HttpRequest.newBuilder(URI.create(s.url)).timeout(Duration.ofSeconds(5))
                    .header("Content-Type", "application/json")
                    .header("User-Agent", "intercom-parrot-service-client/1.0")
                    .header("X-Hub-Signature", "sha1=" + sign(body, s.secret))
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
            status = http.send(req, HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (java.io.IOException e) {
            status = 0;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        deliveries.add(new Delivery(notification.get("id").asText(), notification.get("topic").asText(), s.url, attempt, status));
        if (status == 410) {
            s.active = false; // Intercom disables the subscription
        } else if ((status < 200 || status > 299) && attempt == 1) {
            executor.schedule(() -> deliver(s, notification, 2), retryDelayMillis, TimeUnit.MILLISECONDS);
        }
    }

    /** Hex HMAC-SHA1 of the raw body keyed with the app's client secret (X-Hub-Signature: sha1=…). */
    public static String sign(byte[] body, String secret) {
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
            return HexFormat.of().formatHex(mac.doFinal(body));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
