package io.custsync.sync.salesforce;

import io.custsync.store.QueryCatalogue;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * The value both sides last agreed on, per Salesforce record and field (as a hash of its local form):
 * written when we push a value and when two-way input takes one. A push sends only fields whose local
 * value differs from it; an incoming value equal to it is our own write coming back (an echo).
 */
@Repository
public class PushLedger {

    static final String SYSTEM = "salesforce";
    private static final String NULL = "\u0000null";

    private final NamedParameterJdbcTemplate jdbc;
    private final QueryCatalogue queries;

    public PushLedger(NamedParameterJdbcTemplate jdbc, QueryCatalogue queries) {
        this.jdbc = jdbc;
        this.queries = queries;
    }

    /** field → hash for one Salesforce record. */
    public Map<String, String> get(String object, String externalId) {
        Map<String, String> out = new HashMap<>();
        jdbc.query(queries.sql("sf-ledger-get"), key(object, externalId),
                rs -> { out.put(rs.getString("field"), rs.getString("value_hash")); });
        return out;
    }

    public void put(String object, String externalId, String field, String value) {
        jdbc.update(queries.sql("sf-ledger-put"), key(object, externalId).addValue("field", field).addValue("hash", hash(value)));
    }

    public static String hash(String value) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest((value == null ? NULL : value).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static MapSqlParameterSource key(String object, String externalId) {
        return new MapSqlParameterSource().addValue("system", SYSTEM).addValue("object", object).addValue("externalId", externalId);
    }
}
