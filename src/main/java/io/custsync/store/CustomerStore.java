package io.custsync.store;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
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
        return upsert(List.of(row)).get(row.customerId());
    }

    /**
     * Upserts a page of customers in one statement; all rows of one call share the same {@code *Mapped} flags
     * (those of the first row). A customer id given twice makes the statement fail.
     * @return by customer id, what the upsert did
     */
    public Map<String, Upserted> upsert(List<CustomerRow> rows) {
        Map<String, Upserted> result = new HashMap<>();
        if (rows.isEmpty()) {
            return result;
        }
        CustomerRow flags = rows.get(0);
        // In key order: two pages that share customers lock them in the same order (no deadlock between them).
        rows = rows.stream().sorted(java.util.Comparator.comparing(CustomerRow::customerId)).toList();
        MapSqlParameterSource params = new MapSqlParameterSource()
                .addValue("customerIds", SqlArrays.text(column(rows, CustomerRow::customerId)))
                .addValue("names", SqlArrays.text(column(rows, CustomerRow::name)))
                .addValue("domains", SqlArrays.text(column(rows, CustomerRow::domain)))
                .addValue("stages", SqlArrays.text(column(rows, CustomerRow::stage)))
                .addValue("profiles", SqlArrays.text(column(rows, CustomerRow::profile)))
                .addValue("nameMapped", flags.nameMapped()).addValue("domainMapped", flags.domainMapped())
                .addValue("stageMapped", flags.stageMapped()).addValue("profileMapped", flags.profileMapped());
        jdbc.query(queries.sql("upsert-customers"), params, rs -> {
            result.put(rs.getString("customer_id"), new Upserted(rs.getLong("id"), rs.getBoolean("changed"),
                    rs.getTimestamp("was_churned_at") != null));
        });
        return result;
    }

    /**
     * Marks churned every customer linked to {@code system} that run {@code runId} did not see; only to be called
     * after a complete read of the source view. Only links made before the read began count: a record created
     * meanwhile (say, by our own push) need not be in a read whose result set was fixed when it began.
     */
    public List<String> churnUnseen(String system, long runId, java.time.Instant readStartedAt) {
        return jdbc.queryForList(queries.sql("churn-unseen-customers"),
                new MapSqlParameterSource().addValue("system", system).addValue("runId", runId)
                        .addValue("linkedBefore", java.sql.Timestamp.from(readStartedAt)), String.class);
    }

    /**
     * Demo only (the simulators' stand-in for a team's scoring job): gives every customer that has neither a healthscore
     * nor a CSM pulse a deterministic pair derived from its customer id; customers with a value are not touched.
     * @return how many customers got one
     */
    public int seedDemoHealthscores() {
        return jdbc.update(queries.sql("seed-demo-healthscores"), new MapSqlParameterSource());
    }

    public Optional<Long> byDomain(String domain) {
        if (domain == null || domain.isBlank()) {
            return Optional.empty();
        }
        return Optional.ofNullable(byDomain(List.of(domain)).get(domain.toLowerCase()));
    }

    /** Lower-cased domain → the oldest customer with that domain, for those of {@code domains} that have one. */
    public Map<String, Long> byDomain(Collection<String> domains) {
        Map<String, Long> found = new HashMap<>();
        List<String> wanted = domains.stream().filter(d -> d != null && !d.isBlank()).map(String::toLowerCase).distinct().toList();
        if (!wanted.isEmpty()) {
            jdbc.query(queries.sql("customers-by-domains"), new MapSqlParameterSource("domains", SqlArrays.text(wanted)),
                    rs -> { found.put(rs.getString("domain"), rs.getLong("id")); });
        }
        return found;
    }

    private static <T> List<String> column(List<T> rows, Function<T, String> field) {
        List<String> values = new ArrayList<>(rows.size());
        rows.forEach(row -> values.add(field.apply(row)));
        return values;
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
