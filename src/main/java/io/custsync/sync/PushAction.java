package io.custsync.sync;

/**
 * What an output run did with a record (or a set-up call), as counted in its {@link PushReport}. The words are
 * what operators read in {@code sync_runs.report}, the run's message and the dry-run answers: they do not change.
 */
public enum PushAction {

    CREATE("create", Fate.WRITTEN),
    UPDATE("update", Fate.WRITTEN),
    /** Salesforce: an upsert by external id, when whether it creates or updates is only known from the answer. */
    UPSERT("upsert", Fate.WRITTEN),
    ARCHIVE("archive", Fate.WRITTEN),
    DELETE("delete", Fate.WRITTEN),
    /** The healthscore on a customer's contact. */
    UPDATE_CONTACT("update-contact", Fate.WRITTEN),
    UNCHANGED("unchanged", Fate.AGREES),
    UNCHANGED_CONTACT("unchanged-contact", Fate.AGREES),
    /** Set-up writes: no record of their own. */
    CREATE_ATTRIBUTE("create-attribute", Fate.SET_UP),
    CREATE_TAG("create-tag", Fate.SET_UP),
    INVALID("invalid", Fate.SKIPPED),
    NOT_FOUND("not-found", Fate.SKIPPED),
    NOT_LINKED("not-linked", Fate.SKIPPED),
    SKIPPED_NO_COMPANY("skipped-no-company", Fate.SKIPPED),
    NEWER_IN_SALESFORCE("newer-in-salesforce", Fate.SKIPPED),
    /** Refused before and unchanged since: not sent again. */
    STILL_REFUSED("still-refused", Fate.SKIPPED),
    DEAD_LETTERED("dead-lettered", Fate.SKIPPED);

    /** How an action counts on the run. */
    public enum Fate {
        /** The record's write: counted as written (unless in a dry run); the record agrees with the target now. */
        WRITTEN,
        /** Nothing to write: counted as skipped; the record agrees with the target. */
        AGREES,
        /** Not written: counted as skipped. */
        SKIPPED,
        /** A call that is no record's: not counted on the run. */
        SET_UP
    }

    private final String word;
    private final Fate fate;

    PushAction(String word, Fate fate) {
        this.word = word;
        this.fate = fate;
    }

    /** The action as reports, logs and dry-run answers name it. */
    public String word() {
        return word;
    }

    public Fate fate() {
        return fate;
    }

    /** The record now agrees with the target: its open dead letter can be resolved. */
    public boolean agrees() {
        return fate == Fate.WRITTEN || fate == Fate.AGREES;
    }

    @Override
    public String toString() {
        return word;
    }
}
