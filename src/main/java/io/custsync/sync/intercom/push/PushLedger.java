package io.custsync.sync.intercom.push;

import com.fasterxml.jackson.databind.JsonNode;
import io.custsync.store.QueryCatalogue;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collection;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * What we last wrote to Intercom per record and field, as a hash: a field is sent only when its hash
 * differs. Rows are written only after Intercom accepted the write, so a crash re-sends, never skips.
 */
@Repository
public class PushLedger {

    static final String SYSTEM = "intercom";

    private final NamedParameterJdbcTemplate jdbc;
    private final QueryCatalogue queries;

    public PushLedger(NamedParameterJdbcTemplate jdbc, QueryCatalogue queries) {
        this.jdbc = jdbc;
        this.queries = queries;
    }

    /** external id → field → hash, for one page of records. */
    public Map<String, Map<String, String>> hashes(String object, Collection<String> externalIds) {
        Map<String, Map<String, String>> out = new HashMap<>();
        if (externalIds.isEmpty()) {
            return out;
        }
        jdbc.query(queries.sql("push-ledger-hashes"), new MapSqlParameterSource().addValue("system", SYSTEM)
                .addValue("object", object).addValue("externalIds", externalIds), rs -> {
                    out.computeIfAbsent(rs.getString("external_id"), k -> new HashMap<>())
                            .put(rs.getString("field"), rs.getString("value_hash"));
                });
        return out;
    }

    public void record(String object, String externalId, Map<String, String> fieldHashes) {
        fieldHashes.forEach((field, hash) -> jdbc.update(queries.sql("push-ledger-record"), key(object, externalId)
                .addValue("field", field).addValue("valueHash", hash)));
    }

    public void forgetField(String object, String externalId, String field) {
        jdbc.update(queries.sql("push-ledger-forget-field"), key(object, externalId).addValue("field", field));
    }

    public void forget(String object, String externalId) {
        jdbc.update(queries.sql("push-ledger-forget"), key(object, externalId));
    }

    /** The hash of a value as it is sent (its JSON text); JSON null has a hash too, so clearing is remembered. */
    public static String hash(JsonNode value) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(String.valueOf(value).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static MapSqlParameterSource key(String object, String externalId) {
        return new MapSqlParameterSource().addValue("system", SYSTEM).addValue("object", object).addValue("externalId", externalId);
    }
}
