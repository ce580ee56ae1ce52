package io.custsync.sync;

import com.fasterxml.jackson.databind.JsonNode;
import io.custsync.store.DeadLetterStore;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * Keeps a record the flow could not handle, byte for byte, with the reason, for an operator to replay: one open
 * letter per (flow, object, record) — a record refused again updates it (attempts, last attempt, latest payload
 * and reason); a record that later syncs cleanly resolves it; a discarded letter stays discarded until the record
 * changes (while it is the record's latest letter: a letter opened since for a changed version supersedes it). "Changes" compares the letter's version: for a record read from a source, its own modification stamp
 * ({@code updated_at} for Intercom, {@code SystemModstamp} for Salesforce) where it has one, else the SHA-256 of
 * the payload; for a push, the SHA-256 of the payload, which is the write that was refused.
 */
@Component
public class DeadLetters {

    /** What keeping a failed record did. */
    public enum Kept {
        /** A new open letter. */
        OPENED,
        /** The record's open letter, updated (one more attempt). */
        REPEATED,
        /** An operator discarded this very version of the record: nothing is kept again. */
        STILL_DISCARDED
    }

    /** The record's own modification stamps, in the order looked for. */
    private static final List<String> STAMPS = List.of("updated_at", "SystemModstamp");
    private static final String HASHED = "sha256:";

    private final DeadLetterStore store;

    public DeadLetters(DeadLetterStore store) {
        this.store = store;
    }

    /** A record read from a source (its id under {@code idField}), kept as its JSON text. */
    public Kept addRecord(SyncRun run, String object, String idField, JsonNode record, String errorCode, String errorMessage) {
        byte[] payload = record.toString().getBytes(StandardCharsets.UTF_8);
        return add(run, object, record.path(idField).asText(null), null, payload, version(record, payload), errorCode, errorMessage);
    }

    /**
     * @param externalId the record as the flow names it (null: a record without an id, known by its payload)
     * @param localId    the local row a push letter is about (what its replay pushes again); null for reads
     * @param version    what "the record changed" compares ({@link #version(JsonNode, byte[])}, {@link #version(byte[])})
     */
    public Kept add(SyncRun run, String object, String externalId, Long localId, byte[] payload, String version,
                    String errorCode, String errorMessage) {
        Optional<Integer> attempts = store.keep(new DeadLetterStore.NewLetter(run.flow(), object, externalId, key(externalId, payload),
                localId, run.id(), payload, "application/json", version, errorCode,
                errorMessage == null ? String.valueOf(errorCode) : errorMessage));
        if (attempts.isEmpty()) {
            return Kept.STILL_DISCARDED;
        }
        run.deadLettered(1);
        return attempts.get() == 1 ? Kept.OPENED : Kept.REPEATED;
    }

    /** Whether the flow has any letter whose record is held back (open or discarded). */
    public boolean anyRefused(String flow) {
        return store.anyRefused(flow);
    }

    /** Whether this version of the record is refused already: its open letter holds it, or an operator discarded it. */
    public boolean refusedBefore(String flow, String object, String externalId, String version) {
        return refusedVersions(flow, object, List.of(externalId)).getOrDefault(externalId, Set.of()).contains(version);
    }

    /** record → the versions of it that are refused (open or discarded letters), for a page of records. */
    public Map<String, Set<String>> refusedVersions(String flow, String object, Collection<String> externalIds) {
        return store.refusedVersions(flow, object, externalIds);
    }

    /** Records that synced cleanly in this run: their open letters are resolved, with the run. */
    public int resolve(SyncRun run, String object, Collection<String> externalIds) {
        if (externalIds.isEmpty() || run.dryRun()) {
            return 0;
        }
        return store.resolve(run.flow(), object, externalIds, run.id());
    }

    /** A read record's version: its own modification stamp where it has one, else the payload's hash. */
    public static String version(JsonNode record, byte[] payload) {
        for (String stamp : STAMPS) {
            JsonNode value = record.get(stamp);
            if (value != null && (value.isNumber() || value.isTextual())) {
                return stamp + ":" + value.asText();
            }
        }
        return version(payload);
    }

    /** A payload's version: {@code sha256:<hex>}. */
    public static String version(byte[] payload) {
        return HASHED + sha256(payload);
    }

    /** The record a letter is about, as the schema's generated record_key spells it. */
    static String key(String externalId, byte[] payload) {
        return externalId != null ? externalId : HASHED + sha256(payload == null ? new byte[0] : payload);
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
