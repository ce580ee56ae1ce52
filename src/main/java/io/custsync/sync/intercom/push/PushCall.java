package io.custsync.sync.intercom.push;

import com.fasterxml.jackson.databind.JsonNode;
import io.custsync.intercom.IntercomApiException;
import io.custsync.intercom.IntercomRequest;

/**
 * One Intercom call a push flow plans, with what to do when Intercom accepts it (write the ledger, plan a
 * follow-up) and when it refuses it. A write is never sent in a dry run: it is counted under its action.
 *
 * @param action    create, update, archive, delete … for the call that decides a record's fate; null for
 *                  reads and follow-up writes (they do not count as a record of their own)
 * @param record    the record's key as an operator knows it (dead letters, dry-run samples)
 */
record PushCall(IntercomRequest request, boolean write, String action, String record, Accepted accepted, Refused refused) {

    /** What the flow does with Intercom's answer; runs before the next call is made. */
    interface Accepted {
        void accept(JsonNode answer);
    }

    /** What the flow does with a refusal it can act on (409 → update instead, 404 → nothing to delete …). */
    interface Refused {
        Verdict refused(IntercomApiException failure);
    }

    enum Verdict {
        /** The flow dealt with it (maybe by planning another call). */
        HANDLED,
        /** A per-record failure: kept as a dead letter with Intercom's error; the run goes on. */
        DEAD_LETTER,
        /** Nothing else can succeed either (e.g. a data attribute could not be created): the run fails. */
        FATAL
    }

    static PushCall read(IntercomRequest request, String record, Accepted accepted, Refused refused) {
        return new PushCall(request, false, null, record, accepted, refused);
    }

    static PushCall write(IntercomRequest request, String action, String record, Accepted accepted, Refused refused) {
        return new PushCall(request, true, action, record, accepted, refused);
    }

    static Verdict deadLetter(IntercomApiException failure) {
        return Verdict.DEAD_LETTER;
    }

    /** For set-up calls: without them no record can be written, so their failure fails the run. */
    static Verdict deadLetterAsFatal(IntercomApiException failure) {
        return Verdict.FATAL;
    }
}
