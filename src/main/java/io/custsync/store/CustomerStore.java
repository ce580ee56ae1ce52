package io.custsync.store;

import java.sql.Timestamp;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Repository;

/** Customers: upserts from a source, churn-on-missing, lookups by domain. Customers are never deleted. */
@Repository
public class CustomerStore {

    /** A customer as a source shows it; a null {@code *Mapped} field is not touched. */
    public record CustomerRow(String customerId, String name, String domain, String stage, String profile,
                              boolean nameMapped, boolean domainMapped, boolean stageMapped, boolean profileMapped) {}

    /** What an upsert did: the local id, whether anything changed, and whether it brought back a churned customer. */
    public record Upserted(long id, boolean changed, boolean reactivated) {}

    private final NamedParameterJdbcTemplate jdbc;
    private final QueryCatalogue queries;

    public CustomerStore(NamedParameterJdbcTemplate jdbc, QueryCatalogue queries) {
        this.jdbc = jdbc;
        this.queries = queries;
    }

    public Upserted upsert(CustomerRow row) {
        MapSqlParameterSource params = new MapSqlParameterSource()
                .addValue("customerId", row.customerId()).addValue("name", row.name()).addValue("domain", row.domain())
                .addValue("stage", row.stage()).addValue("profile", row.profile())
                .addValue("nameMapped", row.nameMapped()).addValue("domainMapped", row.domainMapped())
                .addValue("stageMapped", row.stageMapped()).addValue("profileMapped", row.profileMapped());
        List<Map<String, Object>> changed = jdbc.queryForList(queries.sql("upsert-customer"), params);
        if (!changed.isEmpty()) {
            Map<String, Object> result = changed.get(0);
            Timestamp wasChurned = (Timestamp) result.get("was_churned_at");
            return new Upserted(((Number) result.get("id")).longValue(), true, wasChurned != null);
        }
        Long id = jdbc.queryForObject(queries.sql("customer-id-by-key"), new MapSqlParameterSource("customerId", row.customerId()), Long.class);
        return new Upserted(id, false, false);
    }

    /**
     * Marks churned every customer linked to {@code system} that run {@code runId} did not see. Only to be
     * called after a complete read of the source view.
     */
    public List<String> churnUnseen(String system, long runId) {
        return jdbc.queryForList(queries.sql("churn-unseen-customers"),
                new MapSqlParameterSource().addValue("system", system).addValue("runId", runId), String.class);
    }

    public Optional<Long> byDomain(String domain) {
        if (domain == null || domain.isBlank()) {
            return Optional.empty();
        }
        return jdbc.queryForList(queries.sql("customer-by-domain"), new MapSqlParameterSource("domain", domain), Long.class)
                .stream().findFirst();
    }

    /** {@code https://www.Acme.com/about} → {@code acme.com}: how websites and email domains are compared. */
    public static String domainOf(String website) {
        if (website == null || website.isBlank()) {
            return null;
        }
        String d = website.trim().toLowerCase();
        int scheme = d.indexOf("://");
        if (scheme >= 0) {
            d = d.substring(scheme + 3);
        }
        int at = d.lastIndexOf('@');
        if (at >= 0) {
            d = d.substring(at + 1);
        }
        for (char stop : new char[] {'/', '?', '#', ':'}) {
            int i = d.indexOf(stop);
            if (i >= 0) {
                d = d.substring(0, i);
            }
        }
        if (d.startsWith("www.")) {
            d = d.substring(4);
        }
        return d.isBlank() ? null : d;
    }
}
