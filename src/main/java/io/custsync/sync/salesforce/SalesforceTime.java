package io.custsync.sync.salesforce;

import io.custsync.sync.BadRecordException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/** Salesforce's datetime wire format, {@code 2024-01-31T12:00:00.000+0000}. */
final class SalesforceTime {

    private static final DateTimeFormatter WIRE = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSZ");

    private SalesforceTime() {}

    static Instant parse(String text) {
        try {
            return OffsetDateTime.parse(text, WIRE).toInstant();
        } catch (DateTimeParseException e) {
            try {
                return Instant.parse(text);
            } catch (DateTimeParseException again) {
                throw new BadRecordException("SystemModstamp", "not a Salesforce datetime: " + text);
            }
        }
    }
}
