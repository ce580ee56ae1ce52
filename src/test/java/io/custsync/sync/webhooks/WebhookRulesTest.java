package io.custsync.sync.webhooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.custsync.sync.Flow;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The pure rules of the webhook endpoint: signature, what a notification names, the endpoint's rate. */
class WebhookRulesTest {

    static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void theSignatureIsHmacSha1OfTheRawBodyInHex() {
        // the published HMAC-SHA1 test value (RFC 2104 style example, as on Wikipedia's HMAC page)
        byte[] fox = "The quick brown fox jumps over the lazy dog".getBytes(StandardCharsets.UTF_8);
        assertThat(WebhookSignature.header(fox, "key")).isEqualTo("sha1=de7c9b85b8b78aa6bc8a7a36f70a90701c9db4d9");
        byte[] body = "{\"type\":\"notification_event\"}".getBytes(StandardCharsets.UTF_8);
        String expected = WebhookSignature.header(body, "secret");
        assertThat(WebhookSignature.verify(body, expected, "secret")).isTrue();
        assertThat(WebhookSignature.verify(body, expected.toUpperCase().replace("SHA1=", "sha1="), "secret")).isTrue();
        assertThat(WebhookSignature.verify(body, expected, "other")).isFalse();
        assertThat(WebhookSignature.verify(body, expected.substring(5), "secret")).as("without sha1=").isFalse();
        assertThat(WebhookSignature.verify(body, expected.substring(0, expected.length() - 2), "secret")).isFalse();
        assertThat(WebhookSignature.verify(body, "sha1=not-hex", "secret")).isFalse();
        assertThat(WebhookSignature.verify(body, null, "secret")).isFalse();
        assertThat(WebhookSignature.verify(body, expected, "")).as("no secret verifies nothing").isFalse();
        body[3] ^= 1;
        assertThat(WebhookSignature.verify(body, expected, "secret")).isFalse();
    }

    static IntercomNotification parse(String itemJson, String topic) throws Exception {
        return IntercomNotification.of(JSON.readTree("{\"type\":\"notification_event\",\"id\":\"notif_1\",\"topic\":\"" + topic
                + "\",\"created_at\":1700000000,\"data\":{\"type\":\"notification_event_data\",\"item\":" + itemJson + "}}"));
    }

    @Test
    void aNotificationNamesTheRecordToFetchAndItsFlow() throws Exception {
        IntercomNotification contact = parse("{\"type\":\"contact\",\"id\":\"abc123\",\"name\":\"x\"}", "contact.user.updated");
        assertThat(contact.recordFlow()).contains(Flow.INTERCOM_CONTACTS);
        assertThat(contact.recordId()).isEqualTo("abc123");
        assertThat(contact.createdAt().getEpochSecond()).isEqualTo(1700000000L);
        assertThat(parse("{\"type\":\"contact_tag\",\"tag\":{\"id\":\"1\"},\"contact\":{\"type\":\"contact\",\"id\":\"c9\"}}",
                "contact.user.tag.created").recordId()).isEqualTo("c9");
        assertThat(parse("{\"type\":\"company\",\"id\":\"co1\"}", "company.updated").recordFlow()).contains(Flow.INTERCOM_COMPANIES);
        assertThat(parse("{\"type\":\"conversation\",\"id\":\"123\"}", "conversation.user.replied").recordFlow()).contains(Flow.INTERCOM_CONVERSATIONS);
        assertThat(parse("{\"type\":\"ticket\",\"id\":\"77\"}", "ticket.state.updated").recordFlow()).contains(Flow.INTERCOM_TICKETS);
        assertThat(parse("{\"type\":\"admin\",\"id\":\"5\"}", "admin.away_mode_updated").recordFlow()).isEmpty();
        assertThat(IntercomNotification.fetch(Flow.INTERCOM_CONVERSATIONS, "123").toString()).isEqualTo("GET /conversations/123?display_as=plaintext");
        assertThat(IntercomNotification.fetch(Flow.INTERCOM_CONTACTS, "abc").toString()).isEqualTo("GET /contacts/abc");
    }

    @Test
    void anIdThatIsNotAnIdIsRefusedRatherThanPutInAPath() {
        assertThatThrownBy(() -> parse("{\"type\":\"contact\",\"id\":\"../admins\"}", "contact.user.updated"))
                .isInstanceOf(IntercomNotification.NotANotification.class);
        assertThatThrownBy(() -> parse("{\"type\":\"contact\"}", "contact.user.updated"))
                .isInstanceOf(IntercomNotification.NotANotification.class);
        assertThatThrownBy(() -> IntercomNotification.of(JSON.readTree("{\"type\":\"other\",\"id\":\"1\",\"topic\":\"t\"}")))
                .isInstanceOf(IntercomNotification.NotANotification.class);
        assertThatThrownBy(() -> IntercomNotification.of(JSON.readTree("{\"type\":\"notification_event\",\"topic\":\"t\"}")))
                .isInstanceOf(IntercomNotification.NotANotification.class);
    }

    @Test
    void theRateAllowsItsBurstThenItsRate() {
        long t = 0;
        RequestRate rate = new RequestRate(10, 3, t);
        assertThat(rate.tryAcquire(t)).isTrue();
        assertThat(rate.tryAcquire(t)).isTrue();
        assertThat(rate.tryAcquire(t)).isTrue();
        assertThat(rate.tryAcquire(t)).isFalse();
        t += 100_000_000; // 100 ms: one more at 10 per second
        assertThat(rate.tryAcquire(t)).isTrue();
        assertThat(rate.tryAcquire(t)).isFalse();
        t += 10_000_000_000L; // a long quiet spell refills the burst, no more
        assertThat(rate.tryAcquire(t)).isTrue();
        assertThat(rate.tryAcquire(t)).isTrue();
        assertThat(rate.tryAcquire(t)).isTrue();
        assertThat(rate.tryAcquire(t)).isFalse();
    }
}
