package io.custsync.store;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * What we last wrote to (or agreed with) a system, per target record and field, as a hash of the value: a push
 * sends only fields whose hash differs, and an incoming value equal to it is our own write coming back (an
 * echo). Rows are written only after the system accepted the write, so a crash re-sends, never skips.
 */
@Repository
public class PushLedger {

    private static final String NULL = "\u0000null";

    private final NamedParameterJdbcTemplate jdbc;
    private final QueryCatalogue queries;

    public PushLedger(NamedParameterJdbcTemplate jdbc, QueryCatalogue queries) {
        this.jdbc = jdbc;
        this.queries = queries;
    }

    /** field → hash for one record. */
    public Map<String, String> get(String system, String object, String externalId) {
        return hashes(system, object, List.of(externalId)).getOrDefault(externalId, Map.of());
    }

    /** external id → field → hash, for a page of records. */
    public Map<String, Map<String, String>> hashes(String system, String object, Collection<String> externalIds) {
        Map<String, Map<String, String>> out = new HashMap<>();
        if (externalIds.isEmpty()) {
            return out;
        }
        jdbc.query(queries.sql("push-ledger-hashes"), new MapSqlParameterSource().addValue("system", system)
                .addValue("object", object).addValue("externalIds", externalIds), rs -> {
                    out.computeIfAbsent(rs.getString("external_id"), k -> new HashMap<>())
                            .put(rs.getString("field"), rs.getString("value_hash"));
                });
        return out;
    }

    /** Remembers field hashes of one record. */
    public void record(String system, String object, String externalId, Map<String, String> fieldHashes) {
        fieldHashes.forEach((field, hash) -> jdbc.update(queries.sql("push-ledger-record"), key(system, object, externalId)
                .addValue("field", field).addValue("valueHash", hash)));
    }

    /** Remembers one field's value (as text) of one record. */
    public void put(String system, String object, String externalId, String field, String value) {
        record(system, object, externalId, Map.of(field, hash(value)));
    }

    public void forgetField(String system, String object, String externalId, String field) {
        jdbc.update(queries.sql("push-ledger-forget-field"), key(system, object, externalId).addValue("field", field));
    }

    public void forget(String system, String object, String externalId) {
        jdbc.update(queries.sql("push-ledger-forget"), key(system, object, externalId));
    }

    /** The hash of a value in its text form; null has a hash of its own, so clearing a field is remembered. */
    public static String hash(String value) {
        return digest(value == null ? NULL : value);
    }

    /** The hash of a value as it is sent as JSON (its JSON text; JSON null included). */
    public static String hash(JsonNode value) {
        return digest(String.valueOf(value));
    }

    private static String digest(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return java.util.HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static MapSqlParameterSource key(String system, String object, String externalId) {
        return new MapSqlParameterSource().addValue("system", system).addValue("object", object).addValue("externalId", externalId);
    }
}
