package io.custsync.sync;

/** A source record the mapping cannot take (missing key, wrong type): it goes to the dead letters, the run goes on. */
public class BadRecordException extends RuntimeException {

    private final String field;

    public BadRecordException(String field, String reason) {
        super(field + ": " + reason);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
