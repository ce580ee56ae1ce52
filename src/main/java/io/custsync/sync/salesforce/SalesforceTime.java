package io.custsync.sync.salesforce;

import io.custsync.sync.BadRecordException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/** Salesforce's datetime wire format, {@code 2024-01-31T12:00:00.000+0000}, within the range Salesforce stores. */
final class SalesforceTime {

    private static final DateTimeFormatter WIRE = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSZ");
    /** Salesforce's valid datetimes: 1700-01-01T00:00:00Z to 4000-12-31T00:00:00Z; anything else was not stored by it. */
    static final Instant MIN = Instant.parse("1700-01-01T00:00:00Z");
    static final Instant MAX = Instant.parse("4000-12-31T00:00:00Z");

    private SalesforceTime() {}

    /** The datetime in {@code field}; a value that is not one, or out of Salesforce's range, is a bad record naming the field. */
    static Instant parse(String field, String text) {
        Instant at;
        try {
            at = OffsetDateTime.parse(text, WIRE).toInstant();
        } catch (DateTimeParseException e) {
            try {
                at = Instant.parse(text);
            } catch (DateTimeParseException again) {
                throw new BadRecordException(field, "not a Salesforce datetime: " + text);
            }
        }
        if (at.isBefore(MIN) || at.isAfter(MAX)) {
            throw new BadRecordException(field, text + " is out of Salesforce's datetime range (1700-01-01 to 4000-12-31)");
        }
        return at;
    }
}
