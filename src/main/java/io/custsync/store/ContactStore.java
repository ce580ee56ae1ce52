package io.custsync.store;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Repository;

/** Contacts and their role tags. */
@Repository
public class ContactStore {

    /** A contact as a source shows it; a field whose {@code *Mapped} is false is never written. */
    public record ContactRow(String contactId, String email, String name, String phone, String role, Long customerId,
                             boolean emailMapped, boolean nameMapped, boolean phoneMapped) {}

    /** The local contact an external contact is linked to, and its customer. */
    public record LocalContact(long id, Long customerId) {}

    private final NamedParameterJdbcTemplate jdbc;
    private final QueryCatalogue queries;

    public ContactStore(NamedParameterJdbcTemplate jdbc, QueryCatalogue queries) {
        this.jdbc = jdbc;
        this.queries = queries;
    }

    public long upsert(ContactRow row) {
        return jdbc.queryForObject(queries.sql("upsert-contact"), new MapSqlParameterSource()
                .addValue("contactId", row.contactId()).addValue("email", row.email()).addValue("name", row.name())
                .addValue("phone", row.phone()).addValue("role", row.role()).addValue("customerId", row.customerId())
                .addValue("emailMapped", row.emailMapped()).addValue("nameMapped", row.nameMapped())
                .addValue("phoneMapped", row.phoneMapped()), Long.class);
    }

    /**
     * Makes the roles that {@code source} gives the contact exactly {@code roles}: missing ones are added,
     * ones the source no longer gives are removed. Roles set by another source are left alone.
     * @return whether anything changed
     */
    public boolean setRoles(long contactId, String source, Set<String> roles) {
        MapSqlParameterSource key = new MapSqlParameterSource().addValue("contactId", contactId).addValue("source", source);
        Set<String> current = new HashSet<>(jdbc.queryForList(queries.sql("contact-roles-from-source"), key, String.class));
        boolean changed = false;
        for (String role : roles) {
            if (!current.contains(role)) {
                jdbc.update(queries.sql("add-contact-role"), new MapSqlParameterSource(key.getValues()).addValue("role", role));
                changed = true;
            }
        }
        for (String role : current) {
            if (!roles.contains(role)) {
                jdbc.update(queries.sql("remove-contact-role"), new MapSqlParameterSource(key.getValues()).addValue("role", role));
                changed = true;
            }
        }
        return changed;
    }

    public void markMerged(long id, long mergedInto) {
        jdbc.update(queries.sql("set-contact-merged"), new MapSqlParameterSource().addValue("id", id).addValue("mergedInto", mergedInto));
    }

    /** The local contact linked to an Intercom contact id. */
    public Optional<LocalContact> byIntercomId(String intercomId) {
        return first(jdbc.queryForList(queries.sql("contact-local"), new MapSqlParameterSource("externalId", intercomId)));
    }


    private static Optional<LocalContact> first(List<Map<String, Object>> rows) {
        return rows.stream().findFirst().map(r -> new LocalContact(((Number) r.get("id")).longValue(),
                r.get("customer_id") == null ? null : ((Number) r.get("customer_id")).longValue()));
    }
}
