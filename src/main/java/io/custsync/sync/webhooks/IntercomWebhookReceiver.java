package io.custsync.sync.webhooks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.custsync.store.WebhookInbox;
import java.io.IOException;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.stereotype.Component;

/**
 * The {@code intercom-webhook-receive} route's step: decides on each post to {@code /webhooks/intercom} and answers
 * it. In this order, each refusal before any work the next would cost: the endpoint's own rate (429), a secret to
 * check against (503 without one), the body's size (413), the signature on the raw bytes (401), the notification's
 * shape (400). A notification that passes is kept in the inbox (a redelivery is kept once) and answered 200 at once;
 * the record it names is fetched later by {@link IntercomWebhookDrain}.
 */
@Component("intercomWebhookReceiver")
@EnableConfigurationProperties(WebhookProperties.class)
public class IntercomWebhookReceiver {

    static final String SOURCE = "intercom";
    private static final Logger log = LoggerFactory.getLogger(IntercomWebhookReceiver.class);

    private final WebhookProperties properties;
    private final WebhookInbox inbox;
    private final ObjectMapper json;
    private final IntercomWebhookDrain drain;
    private final RequestRate rate;

    public IntercomWebhookReceiver(WebhookProperties properties, WebhookInbox inbox, ObjectMapper json, IntercomWebhookDrain drain) {
        this.properties = properties;
        this.inbox = inbox;
        this.json = json;
        this.drain = drain;
        this.rate = new RequestRate(properties.getRatePerSecond(), properties.getBurst(), System.nanoTime());
        if (properties.isConfigured()) {
            log.info("Intercom webhooks: POST /webhooks/intercom accepts notifications signed with the app's client secret");
        } else {
            log.info("Intercom webhooks: no client secret (INTERCOM_CLIENT_SECRET), so POST /webhooks/intercom answers 503 "
                    + "and only the schedules sync Intercom (README: \"Near real time\")");
        }
    }

    public void receive(Exchange exchange) {
        Message in = exchange.getIn();
        if (!rate.tryAcquire(System.nanoTime())) {
            answer(in, 429, "too many notifications; send again later");
            in.setHeader("Retry-After", "1");
            return;
        }
        if (!properties.isConfigured()) {
            answer(in, 503, "webhooks are not configured on this service (no client secret)");
            return;
        }
        byte[] body = in.getBody(byte[].class);
        if (body == null) {
            body = new byte[0];
        }
        if (body.length > properties.getMaxBody().toBytes()) {
            answer(in, 413, "the notification is larger than " + properties.getMaxBody().toBytes() + " bytes");
            return;
        }
        if (!WebhookSignature.verify(body, in.getHeader("X-Hub-Signature", String.class), properties.getClientSecret())) {
            log.warn("Intercom webhook refused: missing or wrong X-Hub-Signature ({} bytes)", body.length);
            answer(in, 401, "missing or wrong signature");
            return;
        }
        IntercomNotification notification;
        try {
            JsonNode parsed = json.readTree(body);
            notification = IntercomNotification.of(parsed);
        } catch (IOException | IntercomNotification.NotANotification e) {
            log.warn("Intercom webhook refused: signed, but not a notification ({})", e.getMessage());
            answer(in, 400, "not an Intercom notification");
            return;
        }
        if (notification.recordFlow().isEmpty()) {
            log.debug("Intercom notification {} ({}) names nothing the flows read", notification.id(), notification.topic());
            answer(in, 200, "ignored: no flow reads " + notification.topic());
            return;
        }
        boolean added = inbox.add(new WebhookInbox.Entry(SOURCE, notification.id(), notification.topic(),
                notification.recordFlow().get().id(), notification.recordId(), notification.createdAt()));
        if (added) {
            drain.wake();
        }
        answer(in, 200, added ? "kept" : "kept already");
    }

    private static void answer(Message in, int status, String what) {
        in.removeHeaders("*");
        in.setHeader(Exchange.HTTP_RESPONSE_CODE, status);
        in.setHeader(Exchange.CONTENT_TYPE, "application/json");
        in.setBody("{\"status\":" + status + ",\"message\":\"" + what.replace("\"", "'") + "\"}");
    }
}
