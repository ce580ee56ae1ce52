package io.custsync.store;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
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

    /** A contact of a customer that is linked to an Intercom contact. */
    public record IntercomContact(long customerId, String intercomId) {}

    /** The local contact an external contact is linked to, and its customer. */
    public record LocalContact(long id, Long customerId) {}

    private final NamedParameterJdbcTemplate jdbc;
    private final QueryCatalogue queries;

    public ContactStore(NamedParameterJdbcTemplate jdbc, QueryCatalogue queries) {
        this.jdbc = jdbc;
        this.queries = queries;
    }

    public long upsert(ContactRow row) {
        return upsert(List.of(row)).get(row.contactId());
    }

    /**
     * Upserts a page of contacts in one statement; all rows of one call share the {@code *Mapped} flags of the
     * first row. A contact id given twice makes the statement fail.
     * @return contact id → local id
     */
    public Map<String, Long> upsert(List<ContactRow> rows) {
        Map<String, Long> ids = new HashMap<>();
        if (rows.isEmpty()) {
            return ids;
        }
        List<String> contactIds = new ArrayList<>();
        List<String> emails = new ArrayList<>();
        List<String> names = new ArrayList<>();
        List<String> phones = new ArrayList<>();
        List<String> roles = new ArrayList<>();
        List<Long> customerIds = new ArrayList<>();
        // In key order, as every multi-row write here: two pages that share rows then lock them in the same order.
        for (ContactRow row : rows.stream().sorted(java.util.Comparator.comparing(ContactRow::contactId)).toList()) {
            contactIds.add(row.contactId());
            emails.add(row.email());
            names.add(row.name());
            phones.add(row.phone());
            roles.add(row.role());
            customerIds.add(row.customerId());
        }
        ContactRow flags = rows.get(0);
        MapSqlParameterSource params = new MapSqlParameterSource()
                .addValue("contactIds", SqlArrays.text(contactIds)).addValue("emails", SqlArrays.text(emails))
                .addValue("names", SqlArrays.text(names)).addValue("phones", SqlArrays.text(phones))
                .addValue("roles", SqlArrays.text(roles)).addValue("customerIds", SqlArrays.bigint(customerIds))
                .addValue("emailMapped", flags.emailMapped()).addValue("nameMapped", flags.nameMapped())
                .addValue("phoneMapped", flags.phoneMapped());
        jdbc.query(queries.sql("upsert-contacts"), params, rs -> { ids.put(rs.getString("contact_id"), rs.getLong("id")); });
        return ids;
    }

    /**
     * Makes the roles that {@code source} gives the contact exactly {@code roles}: missing ones are added,
     * ones the source no longer gives are removed. Roles set by another source are left alone.
     * @return whether anything changed
     */
    public boolean setRoles(long contactId, String source, Set<String> roles) {
        return !setRoles(source, Map.of(contactId, roles)).isEmpty();
    }

    /** {@link #setRoles(long, String, Set)} for a page of contacts (local id → roles), in one statement. */
    public Set<Long> setRoles(String source, Map<Long, Set<String>> rolesByContact) {
        Set<Long> changed = new HashSet<>();
        if (rolesByContact.isEmpty()) {
            return changed;
        }
        List<Long> contactIds = new ArrayList<>();
        List<String> roles = new ArrayList<>();
        new java.util.TreeMap<>(rolesByContact).forEach((contactId, held) -> new java.util.TreeSet<>(held).forEach(role -> {
            contactIds.add(contactId);
            roles.add(role);
        }));
        MapSqlParameterSource params = new MapSqlParameterSource().addValue("source", source)
                .addValue("scope", SqlArrays.bigint(rolesByContact.keySet()))
                .addValue("contactIds", SqlArrays.bigint(contactIds)).addValue("roles", SqlArrays.text(roles));
        jdbc.query(queries.sql("set-contact-roles"), params, rs -> { changed.add(rs.getLong("contact_id")); });
        return changed;
    }

    public void markMerged(long id, long mergedInto) {
        jdbc.update(queries.sql("set-contact-merged"), new MapSqlParameterSource().addValue("id", id).addValue("mergedInto", mergedInto));
    }

    /** The local contact linked to an Intercom contact id. */
    public Optional<LocalContact> byIntercomId(String intercomId) {
        return first(jdbc.queryForList(queries.sql("contact-local"), new MapSqlParameterSource("externalId", intercomId)));
    }


    /** The live contacts (neither archived nor merged) of these customers that have an Intercom contact, by local id. */
    public List<IntercomContact> intercomContactsOf(Collection<Long> customerIds) {
        return jdbc.query(queries.sql("healthscore-contacts"), new MapSqlParameterSource("customerIds", customerIds),
                (rs, i) -> new IntercomContact(rs.getLong("customer_id"), rs.getString("external_id")));
    }

    private static Optional<LocalContact> first(List<Map<String, Object>> rows) {
        return rows.stream().findFirst().map(r -> new LocalContact(((Number) r.get("id")).longValue(),
                r.get("customer_id") == null ? null : ((Number) r.get("customer_id")).longValue()));
    }
}
