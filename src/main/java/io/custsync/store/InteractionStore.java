package io.custsync.store;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Repository;

/** Conversations, their contacts and parts; tickets and their contacts. Parts are never deleted. */
@Repository
public class InteractionStore {

    private final NamedParameterJdbcTemplate jdbc;
    private final QueryCatalogue queries;

    public InteractionStore(NamedParameterJdbcTemplate jdbc, QueryCatalogue queries) {
        this.jdbc = jdbc;
        this.queries = queries;
    }

    /** A conversation as Intercom gives it, with the customer it concerns (null: not known). */
    public record Conversation(String intercomId, Long customerId, String title, String subject, String state, Boolean open,
                               Boolean read, String priority, String url, String sourceType, String sourceDeliveredAs,
                               String sourceAuthorType, String sourceAuthorId, String sourceAuthorEmail, String sourceBody,
                               List<String> tags, boolean hasCustomerReply, Instant firstContactReplyAt, Instant lastContactReplyAt,
                               Instant lastAdminReplyAt, String metadata, Instant sourceCreatedAt, Instant sourceUpdatedAt) {}

    /** One part of a stored conversation. */
    public record Part(long conversationId, String partId, String partType, String body, String authorType, String authorId,
                       String authorName, String authorEmail, Instant sourceCreatedAt, Instant sourceUpdatedAt) {}

    /** A ticket as Intercom gives it, with the customer of its first known contact (null: none). */
    public record Ticket(String intercomId, String ticketNumber, String ticketTypeId, String ticketTypeName, String category,
                         String stateId, String stateCategory, String stateLabel, String title, String description, Boolean open,
                         Long customerId, Instant sourceCreatedAt, Instant sourceUpdatedAt) {}

    /** Upserts a conversation; empty when the stored copy is already at this {@code updated_at}. */
    public Optional<Long> upsertConversation(Conversation c) {
        MapSqlParameterSource row = new MapSqlParameterSource()
                .addValue("intercomId", c.intercomId()).addValue("customerId", c.customerId())
                .addValue("title", c.title()).addValue("subject", c.subject())
                .addValue("state", c.state()).addValue("open", c.open()).addValue("read", c.read())
                .addValue("priority", c.priority()).addValue("url", c.url())
                .addValue("sourceType", c.sourceType()).addValue("sourceDeliveredAs", c.sourceDeliveredAs())
                .addValue("sourceAuthorType", c.sourceAuthorType()).addValue("sourceAuthorId", c.sourceAuthorId())
                .addValue("sourceAuthorEmail", c.sourceAuthorEmail()).addValue("sourceBody", c.sourceBody())
                .addValue("tags", c.tags().toArray(String[]::new))
                .addValue("hasCustomerReply", c.hasCustomerReply())
                .addValue("firstContactReplyAt", timestamp(c.firstContactReplyAt()))
                .addValue("lastContactReplyAt", timestamp(c.lastContactReplyAt()))
                .addValue("lastAdminReplyAt", timestamp(c.lastAdminReplyAt()))
                .addValue("metadata", c.metadata())
                .addValue("sourceCreatedAt", timestamp(c.sourceCreatedAt())).addValue("sourceUpdatedAt", timestamp(c.sourceUpdatedAt()));
        return jdbc.queryForList(queries.sql("upsert-conversation"), row, Long.class).stream().findFirst();
    }

    public Optional<Long> conversationId(String intercomId) {
        return jdbc.queryForList(queries.sql("conversation-id"), new MapSqlParameterSource("intercomId", intercomId), Long.class)
                .stream().findFirst();
    }

    /** Upserts parts in one batch; returns how many rows were inserted or changed. */
    public int upsertParts(List<Part> parts) {
        if (parts.isEmpty()) {
            return 0;
        }
        MapSqlParameterSource[] rows = parts.stream().map(p -> new MapSqlParameterSource()
                .addValue("conversationId", p.conversationId()).addValue("partId", p.partId())
                .addValue("partType", p.partType()).addValue("body", p.body())
                .addValue("authorType", p.authorType()).addValue("authorId", p.authorId())
                .addValue("authorName", p.authorName()).addValue("authorEmail", p.authorEmail())
                .addValue("sourceCreatedAt", timestamp(p.sourceCreatedAt())).addValue("sourceUpdatedAt", timestamp(p.sourceUpdatedAt())))
                .toArray(MapSqlParameterSource[]::new);
        int changed = 0;
        for (int n : jdbc.batchUpdate(queries.sql("upsert-conversation-part"), rows)) {
            changed += Math.max(n, 0);
        }
        return changed;
    }

    public void linkConversationContact(long conversationId, String externalId, Long contactId) {
        jdbc.update(queries.sql("upsert-conversation-contact"), new MapSqlParameterSource()
                .addValue("conversationId", conversationId).addValue("externalId", externalId).addValue("contactId", contactId));
    }

    /** Upserts a ticket; empty when the stored copy is already at this {@code updated_at}. */
    public Optional<Long> upsertTicket(Ticket t) {
        MapSqlParameterSource row = new MapSqlParameterSource()
                .addValue("intercomId", t.intercomId()).addValue("ticketNumber", t.ticketNumber())
                .addValue("ticketTypeId", t.ticketTypeId()).addValue("ticketTypeName", t.ticketTypeName())
                .addValue("category", t.category())
                .addValue("stateId", t.stateId()).addValue("stateCategory", t.stateCategory())
                .addValue("stateLabel", t.stateLabel())
                .addValue("title", t.title())
                .addValue("description", t.description())
                .addValue("open", t.open()).addValue("customerId", t.customerId())
                .addValue("sourceCreatedAt", timestamp(t.sourceCreatedAt())).addValue("sourceUpdatedAt", timestamp(t.sourceUpdatedAt()));
        return jdbc.queryForList(queries.sql("upsert-ticket"), row, Long.class).stream().findFirst();
    }

    public Optional<Long> ticketId(String intercomId) {
        return jdbc.queryForList(queries.sql("ticket-id"), new MapSqlParameterSource("intercomId", intercomId), Long.class)
                .stream().findFirst();
    }

    public void linkTicketContact(long ticketId, String externalId, Long contactId) {
        jdbc.update(queries.sql("upsert-ticket-contact"), new MapSqlParameterSource()
                .addValue("ticketId", ticketId).addValue("externalId", externalId).addValue("contactId", contactId));
    }

    /** A conversation left out because none of its contacts, nor its author's domain, was known when it was read. */
    public record Held(String intercomId, List<String> contactIds, String authorDomain, Instant sourceUpdatedAt) {}

    /** Keeps a page's left-out conversations (one statement), to be retrieved once they concern a known customer. */
    public void hold(List<Held> held) {
        if (held.isEmpty()) {
            return;
        }
        Map<String, Held> byId = new java.util.TreeMap<>();
        held.forEach(h -> byId.put(h.intercomId(), h));
        List<String> ids = new ArrayList<>();
        List<String> contactIds = new ArrayList<>();
        List<String> domains = new ArrayList<>();
        List<Timestamp> times = new ArrayList<>();
        for (Held h : byId.values()) {
            ids.add(h.intercomId());
            contactIds.add(String.join(",", h.contactIds()));
            domains.add(h.authorDomain() == null ? null : h.authorDomain().toLowerCase());
            times.add(timestamp(h.sourceUpdatedAt()));
        }
        jdbc.update(queries.sql("hold-conversations"), new MapSqlParameterSource().addValue("intercomIds", SqlArrays.text(ids))
                .addValue("contactIds", SqlArrays.text(contactIds)).addValue("authorDomains", SqlArrays.text(domains))
                .addValue("sourceUpdatedAts", SqlArrays.timestamptz(times)));
    }

    /** Held conversations that now concern a known customer, oldest first, at most {@code max}. */
    public List<String> heldNowKnown(int max) {
        return jdbc.queryForList(queries.sql("held-conversations-now-known"), new MapSqlParameterSource("max", max), String.class);
    }

    public void release(String intercomId) {
        jdbc.update(queries.sql("release-held-conversation"), new MapSqlParameterSource("intercomId", intercomId));
    }

    private static Timestamp timestamp(Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }
}
