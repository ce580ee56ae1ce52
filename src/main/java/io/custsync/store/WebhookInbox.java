package io.custsync.store;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * The inbox of webhook notifications ({@code webhook_inbox}): kept when they arrive, claimed by the drain that
 * fetches their records, then settled. Idempotent on the notification id, so a redelivery adds nothing.
 */
@Repository
public class WebhookInbox {

    /** A notification as kept: which record of which flow it names. */
    public record Entry(String source, String notificationId, String topic, String flow, String recordId, Instant notifiedAt) {}

    /** A claimed notification; {@code attempts} counts this one. */
    public record Claimed(String notificationId, String topic, String flow, String recordId, int attempts) {}

    /** How a notification ended. */
    public enum Status {
        /** its record was fetched and stored (or left out by the flow's rules) */
        DONE,
        /** its record no longer exists at the source */
        GONE,
        /** not for a flow that runs (its object's mode, its flow still waiting for its first run) */
        IGNORED,
        /** could not be handled; its record is a dead letter or the reason is in the note */
        FAILED;

        String column() {
            return name().toLowerCase();
        }
    }

    private final NamedParameterJdbcTemplate jdbc;
    private final QueryCatalogue queries;

    public WebhookInbox(NamedParameterJdbcTemplate jdbc, QueryCatalogue queries) {
        this.jdbc = jdbc;
        this.queries = queries;
    }

    /** @return whether it is new (false: a redelivery of a notification kept already) */
    public boolean add(Entry entry) {
        return jdbc.update(queries.sql("webhook-inbox-add"), new MapSqlParameterSource()
                .addValue("source", entry.source()).addValue("notificationId", entry.notificationId())
                .addValue("topic", entry.topic()).addValue("flow", entry.flow()).addValue("recordId", entry.recordId())
                .addValue("notifiedAt", entry.notifiedAt() == null ? null : Timestamp.from(entry.notifiedAt()))) == 1;
    }

    /** Up to {@code limit} due notifications, oldest first, claimed for {@code claim} (nobody else gets them meanwhile). */
    public List<Claimed> claim(String source, int limit, Duration claim) {
        return jdbc.query(queries.sql("webhook-inbox-claim"), new MapSqlParameterSource()
                        .addValue("source", source).addValue("limit", limit).addValue("claimSeconds", (double) claim.toSeconds()),
                (rs, i) -> new Claimed(rs.getString("notification_id"), rs.getString("topic"), rs.getString("flow"),
                        rs.getString("record_id"), rs.getInt("attempts")));
    }

    public void settle(String source, Collection<String> notificationIds, Status status, Long runId, String note) {
        if (notificationIds.isEmpty()) {
            return;
        }
        jdbc.update(queries.sql("webhook-inbox-settle"), new MapSqlParameterSource()
                .addValue("source", source).addValue("ids", SqlArrays.text(notificationIds))
                .addValue("status", status.column()).addValue("runId", runId).addValue("note", note));
    }

    /** Released for another attempt after {@code delay}. */
    public void retryLater(String source, Collection<String> notificationIds, Duration delay, String note) {
        if (notificationIds.isEmpty()) {
            return;
        }
        jdbc.update(queries.sql("webhook-inbox-retry-later"), new MapSqlParameterSource()
                .addValue("source", source).addValue("ids", SqlArrays.text(notificationIds))
                .addValue("delaySeconds", (double) delay.toMillis() / 1000).addValue("note", note));
    }

    public long count(String source, Status status) {
        Long n = jdbc.queryForObject(queries.sql("webhook-inbox-count"),
                new MapSqlParameterSource("source", source).addValue("status", status.column()), Long.class);
        return n == null ? 0 : n;
    }

    /** Whether the flow has completed a run once (the rule flows that wait for it go by). */
    public boolean everSucceeded(String flow) {
        return Boolean.TRUE.equals(jdbc.queryForObject(queries.sql("flow-ever-succeeded"),
                new MapSqlParameterSource("flow", flow), Boolean.class));
    }
}
