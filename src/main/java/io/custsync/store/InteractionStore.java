package io.custsync.store;

import java.util.List;
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

}
