package io.custsync.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Repository;

/** What the Salesforce flows read and write in the store beyond the shared repositories. */
@Repository
public class SalesforceStore {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** A local row as the sync compares it: values by column (text) and when each last changed here. */
    public record LocalRow(long id, Map<String, String> values, Map<String, Instant> modified, Instant updatedAt) {
        public String value(String column) { return values.get(column); }
        public Instant modifiedAt(String column) { return modified.get(column); }
    }

    /** A contact as a source shows it; fields not in {@code apply} are left as they are. */
    public record ContactValues(String contactId, String email, String name, String phone, Long customerId, Set<String> apply) {}

    /** Both sides changed a field since they agreed: the values and times of each, and which one won. */
    public record Conflict(String object, long localId, String externalId, String field, String localValue, Instant localModifiedAt,
                           String remoteValue, Instant remoteModifiedAt, String winner) {}

    private final NamedParameterJdbcTemplate jdbc;
    private final QueryCatalogue queries;

    public SalesforceStore(NamedParameterJdbcTemplate jdbc, QueryCatalogue queries) {
        this.jdbc = jdbc;
        this.queries = queries;
    }

    // ---- customers

    public Optional<LocalRow> customer(long id) {
        return jdbc.query(queries.sql("sf-customer"), new MapSqlParameterSource("id", id), (rs, i) -> row(rs,
                "name", "domain", "csm_owner_email", "csm_owner_name", "stage", "profile", "customer_id")).stream().findFirst();
    }

    public Optional<Long> customerIdByKey(String customerId) {
        return jdbc.queryForList(queries.sql("customer-id-by-key"), new MapSqlParameterSource("customerId", customerId), Long.class)
                .stream().findFirst();
    }

    public boolean setCsmOwner(long id, String email, String name) {
        return jdbc.update(queries.sql("sf-set-csm-owner"), new MapSqlParameterSource().addValue("id", id)
                .addValue("email", email).addValue("name", name)) > 0;
    }

    public boolean markCustomerDeleted(long id) {
        return jdbc.update(queries.sql("sf-mark-customer-deleted"), new MapSqlParameterSource("id", id)) > 0;
    }

    public boolean churnCustomer(long id) {
        return jdbc.update(queries.sql("sf-churn-customer"), new MapSqlParameterSource("id", id)) > 0;
    }

    /** Customers changed here after (time, id), oldest first: what a push looks at. */
    public List<LocalRow> customersChangedSince(Instant time, long id, int limit) {
        return jdbc.query(queries.sql("sf-customers-changed"), new MapSqlParameterSource().addValue("time", Timestamp.from(time))
                .addValue("id", id).addValue("limit", limit), (rs, i) -> row(rs,
                "name", "domain", "csm_owner_email", "csm_owner_name", "stage", "profile", "customer_id"));
    }

    // ---- contacts

    public Optional<LocalRow> contact(long id) {
        return jdbc.query(queries.sql("sf-contact"), new MapSqlParameterSource("id", id), (rs, i) -> row(rs,
                "contact_id", "email", "name", "phone", "customer_id", "account_id")).stream().findFirst();
    }

    public Optional<Long> contactIdByKey(String contactId) {
        return jdbc.queryForList(queries.sql("sf-contact-id-by-key"), new MapSqlParameterSource("contactId", contactId), Long.class)
                .stream().findFirst();
    }

    public List<LocalRow> contactsChangedSince(Instant time, long id, int limit) {
        return jdbc.query(queries.sql("sf-contacts-changed"), new MapSqlParameterSource().addValue("time", Timestamp.from(time))
                .addValue("id", id).addValue("limit", limit), (rs, i) -> row(rs,
                "contact_id", "email", "name", "phone", "customer_id", "account_id"));
    }

    /** What a contact upsert did. */
    public record StoredContact(long id, boolean changed) {}

    /** Inserts or updates by contact id. */
    public StoredContact upsertContact(ContactValues c) {
        Set<String> a = c.apply();
        List<Map<String, Object>> changed = jdbc.queryForList(queries.sql("sf-upsert-contact"), new MapSqlParameterSource()
                .addValue("contactId", c.contactId()).addValue("email", c.email()).addValue("name", c.name())
                .addValue("phone", c.phone()).addValue("customerId", c.customerId())
                .addValue("emailMapped", a.contains("email")).addValue("nameMapped", a.contains("name"))
                .addValue("phoneMapped", a.contains("phone")).addValue("accountMapped", a.contains("account")));
        if (!changed.isEmpty()) {
            return new StoredContact(((Number) changed.get(0).get("id")).longValue(), true);
        }
        return new StoredContact(contactIdByKey(c.contactId()).orElseThrow(), false);
    }

    public boolean markContactDeleted(long id) {
        return jdbc.update(queries.sql("sf-mark-contact-deleted"), new MapSqlParameterSource("id", id)) > 0;
    }

    /** The contact's roles, whoever set them. */
    public Set<String> roles(long contactId) {
        return new LinkedHashSet<>(jdbc.queryForList(queries.sql("sf-contact-roles"), new MapSqlParameterSource("contactId", contactId), String.class));
    }

    public boolean addRole(long contactId, String role) {
        return jdbc.update(queries.sql("add-contact-role"), new MapSqlParameterSource().addValue("contactId", contactId)
                .addValue("role", role).addValue("source", "salesforce")) > 0;
    }

    /** Salesforce says the contact no longer holds the role (and that is the newer word): whoever set it. */
    public boolean removeRole(long contactId, String role) {
        return jdbc.update(queries.sql("sf-remove-contact-role"), new MapSqlParameterSource().addValue("contactId", contactId)
                .addValue("role", role)) > 0;
    }

    // ---- links

    public void touchLink(String object, String externalId, long runId) {
        jdbc.update(queries.sql("sf-touch-link"), new MapSqlParameterSource().addValue("system", "salesforce")
                .addValue("object", object).addValue("externalId", externalId).addValue("runId", runId));
    }

    /** The Salesforce id linked to a local row, if any. */
    public Optional<String> externalId(String object, long localId) {
        return jdbc.queryForList(queries.sql("sf-link-of-local"), new MapSqlParameterSource().addValue("system", "salesforce")
                .addValue("object", object).addValue("localId", localId), String.class).stream().findFirst();
    }

    // ---- conflicts

    /** Keeps a conflict once: the read and the push that both meet it record one row. */
    public void recordConflict(Conflict c) {
        jdbc.update(queries.sql("sf-insert-conflict"), new MapSqlParameterSource()
                .addValue("system", "salesforce").addValue("object", c.object()).addValue("localId", c.localId())
                .addValue("externalId", c.externalId()).addValue("field", c.field())
                .addValue("localValue", c.localValue())
                .addValue("localModifiedAt", c.localModifiedAt() == null ? null : Timestamp.from(c.localModifiedAt()))
                .addValue("remoteValue", c.remoteValue()).addValue("remoteModifiedAt", Timestamp.from(c.remoteModifiedAt()))
                .addValue("winner", c.winner()));
    }

    private static LocalRow row(ResultSet rs, String... columns) throws SQLException {
        Map<String, String> values = new HashMap<>();
        for (String column : columns) {
            values.put(column, rs.getString(column));
        }
        Map<String, Instant> modified = new HashMap<>();
        String stamps = rs.getString("field_modified_at");
        if (stamps != null) {
            try {
                JsonNode node = JSON.readTree(stamps);
                node.fields().forEachRemaining(e -> modified.put(e.getKey(), java.time.OffsetDateTime.parse(e.getValue().asText()).toInstant()));
            } catch (Exception e) {
                throw new IllegalStateException("field_modified_at is not a map of times: " + stamps, e);
            }
        }
        Timestamp updated = rs.getTimestamp("updated_at");
        return new LocalRow(rs.getLong("id"), values, modified, updated == null ? null : updated.toInstant());
    }
}
