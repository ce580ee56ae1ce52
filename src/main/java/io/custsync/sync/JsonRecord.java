package io.custsync.sync;

import com.fasterxml.jackson.databind.JsonNode;
import io.custsync.intercom.InvalidUtf8;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Typed, checked reads from one source record. A value of the wrong type is a {@link BadRecordException}
 * naming the field, not a silent null: the record is dead-lettered with that reason.
 */
public final class JsonRecord {

    /**
     * Added by the source client to a record whose text came with bytes that are not UTF-8 (read as U+FFFD):
     * the fields concerned. Such a record is kept as a dead letter; replaying it accepts the replaced text.
     */
    public static final String INVALID_TEXT = InvalidUtf8.MARK;

    private final JsonNode node;

    /** Refuses a record its source sent with text that is not UTF-8, naming the fields. */
    public static void requireValidText(JsonNode record) {
        JsonNode fields = record.path(INVALID_TEXT);
        if (!fields.isMissingNode()) {
            List<String> names = new ArrayList<>();
            fields.forEach(f -> names.add(f.asText()));
            throw new BadRecordException(String.join(", ", names), "not valid UTF-8 in the source's answer (kept with U+FFFD in place of the bad bytes)");
        }
    }

    public JsonRecord(JsonNode node) {
        this.node = node;
    }

    public JsonNode node() {
        return node;
    }

    /** The node at a dotted path ({@code source.author.email}); missing when any step is absent. */
    public JsonNode at(String path) {
        JsonNode current = node;
        for (String step : path.split("\\.")) {
            current = current.path(step);
        }
        return current;
    }

    public String requiredText(String path) {
        String value = text(path);
        if (value == null || value.isBlank()) {
            throw new BadRecordException(path, "missing");
        }
        return value;
    }

    /** Longer than this, a single value is not data a person entered: the record is kept aside. */
    public static final int MAX_TEXT = 65_536;

    /** Text, or null when absent or null; numbers are taken as their text (ids are sometimes numbers). */
    public String text(String path) {
        JsonNode value = at(path);
        if (value.isMissingNode() || value.isNull()) {
            return null;
        }
        if (value.isTextual() && value.textValue().length() > MAX_TEXT) {
            throw new BadRecordException(path, "a value of " + value.textValue().length() + " characters (more than " + MAX_TEXT + ")");
        }
        if (value.isTextual() || value.isNumber() || value.isBoolean()) {
            return value.asText();
        }
        throw new BadRecordException(path, "expected text, got " + value.getNodeType().name().toLowerCase());
    }

    /** The last second a source time may name: 9999-12-31T23:59:59Z (beyond it is milliseconds, or garbage). */
    static final long MAX_EPOCH_SECOND = 253_402_300_799L;

    /** A UNIX-seconds timestamp from 1970 to 9999, or null; anything else is a bad record naming the field. */
    public Instant epoch(String path) {
        JsonNode value = at(path);
        if (value.isMissingNode() || value.isNull()) {
            return null;
        }
        if (value.isIntegralNumber() || (value.isTextual() && value.asText().matches("\\d{1,20}"))) {
            boolean inRange = value.isTextual() ? value.asText().length() <= 12 && Long.parseLong(value.asText()) <= MAX_EPOCH_SECOND
                    : value.canConvertToLong() && value.asLong() >= 0 && value.asLong() <= MAX_EPOCH_SECOND;
            if (!inRange) {
                throw new BadRecordException(path, "UNIX timestamp " + value + " is out of range (1970-01-01 to 9999-12-31)");
            }
            return Instant.ofEpochSecond(value.asLong());
        }
        throw new BadRecordException(path, "expected a UNIX timestamp, got " + value);
    }

    public Boolean bool(String path) {
        JsonNode value = at(path);
        if (value.isMissingNode() || value.isNull()) {
            return null;
        }
        if (value.isBoolean()) {
            return value.asBoolean();
        }
        throw new BadRecordException(path, "expected true or false, got " + value);
    }

    /** The elements of an array at {@code path}; empty when absent. */
    public List<JsonNode> array(String path) {
        JsonNode value = at(path);
        if (value.isMissingNode() || value.isNull()) {
            return List.of();
        }
        if (!value.isArray()) {
            throw new BadRecordException(path, "expected a list, got " + value.getNodeType().name().toLowerCase());
        }
        List<JsonNode> items = new ArrayList<>(value.size());
        value.forEach(items::add);
        return items;
    }

}
