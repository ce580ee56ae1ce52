package io.custsync.sync.webhooks;

import com.fasterxml.jackson.databind.JsonNode;
import io.custsync.intercom.IntercomRequest;
import io.custsync.sync.Flow;
import java.time.Instant;
import java.util.Optional;

/**
 * What an Intercom notification ({@code {"type":"notification_event","id","topic","created_at","data":{"item":…}}})
 * says about which record changed: its flow and id, nothing else. The item's data is never stored: the record is
 * fetched as it is now, so a late, repeated or forged-but-signed-earlier notification can never write old values.
 *
 * @param recordFlow empty for topics no flow reads (admins, visitors, ping …)
 */
public record IntercomNotification(String id, String topic, Instant createdAt, Optional<Flow> recordFlow, String recordId) {

    /** Refused bodies: not a notification at all. */
    public static final class NotANotification extends IllegalArgumentException {
        NotANotification(String why) {
            super(why);
        }
    }

    public static IntercomNotification of(JsonNode body) {
        if (body == null || !body.isObject() || !"notification_event".equals(body.path("type").asText())) {
            throw new NotANotification("not a notification_event");
        }
        String id = body.path("id").asText("");
        String topic = body.path("topic").asText("");
        if (id.isBlank() || topic.isBlank() || id.length() > 200 || topic.length() > 200) {
            throw new NotANotification("a notification needs an id and a topic");
        }
        JsonNode created = body.path("created_at");
        Instant createdAt = created.canConvertToLong() ? Instant.ofEpochSecond(created.asLong()) : null;
        JsonNode item = body.path("data").path("item");
        String itemType = item.path("type").asText("");
        Optional<Flow> flow;
        String recordId;
        switch (itemType) {
            case "contact" -> { flow = Optional.of(Flow.INTERCOM_CONTACTS); recordId = item.path("id").asText(null); }
            // contact.*.tag.created|deleted, company.contact.attached|detached: the contact is what changed for us
            case "contact_tag", "contact_company" -> { flow = Optional.of(Flow.INTERCOM_CONTACTS); recordId = item.path("contact").path("id").asText(null); }
            case "company" -> { flow = Optional.of(Flow.INTERCOM_COMPANIES); recordId = item.path("id").asText(null); }
            case "conversation" -> { flow = Optional.of(Flow.INTERCOM_CONVERSATIONS); recordId = item.path("id").asText(null); }
            case "ticket" -> { flow = Optional.of(Flow.INTERCOM_TICKETS); recordId = item.path("id").asText(null); }
            default -> { flow = Optional.empty(); recordId = null; }
        }
        if (flow.isPresent() && (recordId == null || recordId.isBlank() || recordId.length() > 200 || !recordId.matches("[A-Za-z0-9_.:-]+"))) {
            throw new NotANotification("the " + itemType + " of notification " + id + " has no usable id");
        }
        return new IntercomNotification(id, topic, createdAt, flow, recordId);
    }

    /** The call that fetches the record as it is now: the one the flow's own run makes (or the search's equivalent). */
    public static IntercomRequest fetch(Flow flow, String recordId) {
        return switch (flow) {
            case INTERCOM_CONTACTS -> IntercomRequest.get("/contacts/" + recordId, null);
            case INTERCOM_COMPANIES -> IntercomRequest.get("/companies/" + recordId, null);
            case INTERCOM_CONVERSATIONS -> IntercomRequest.get("/conversations/" + recordId, "display_as=plaintext");
            case INTERCOM_TICKETS -> IntercomRequest.get("/tickets/" + recordId, null);
            default -> throw new IllegalArgumentException("no webhook fetch for " + flow.id());
        };
    }
}
