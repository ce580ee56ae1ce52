package io.custsync.store;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.namedparam.SqlParameterSource;
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

    /** Upserts a conversation; empty when the stored copy is already at this {@code updated_at}. */
    public Optional<Long> upsertConversation(SqlParameterSource conversation) {
        return jdbc.queryForList(queries.sql("upsert-conversation"), conversation, Long.class).stream().findFirst();
    }

    public Optional<Long> conversationId(String intercomId) {
        return jdbc.queryForList(queries.sql("conversation-id"), new MapSqlParameterSource("intercomId", intercomId), Long.class)
                .stream().findFirst();
    }

    /** Upserts parts in one batch; returns how many rows were inserted or changed. */
    public int upsertParts(List<SqlParameterSource> parts) {
        if (parts.isEmpty()) {
            return 0;
        }
        int changed = 0;
        for (int n : jdbc.batchUpdate(queries.sql("upsert-conversation-part"), parts.toArray(SqlParameterSource[]::new))) {
            changed += Math.max(n, 0);
        }
        return changed;
    }

    public void linkConversationContact(long conversationId, String externalId, Long contactId) {
        jdbc.update(queries.sql("upsert-conversation-contact"), new MapSqlParameterSource()
                .addValue("conversationId", conversationId).addValue("externalId", externalId).addValue("contactId", contactId));
    }

    public Optional<Long> upsertTicket(SqlParameterSource ticket) {
        return jdbc.queryForList(queries.sql("upsert-ticket"), ticket, Long.class).stream().findFirst();
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
    public record Held(String intercomId, List<String> contactIds, String authorDomain, java.sql.Timestamp sourceUpdatedAt) {}

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
        List<java.sql.Timestamp> times = new ArrayList<>();
        for (Held h : byId.values()) {
            ids.add(h.intercomId());
            contactIds.add(String.join(",", h.contactIds()));
            domains.add(h.authorDomain() == null ? null : h.authorDomain().toLowerCase());
            times.add(h.sourceUpdatedAt());
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
}
