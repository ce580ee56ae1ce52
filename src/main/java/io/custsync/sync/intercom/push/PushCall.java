package io.custsync.sync.intercom.push;

import io.custsync.sync.PushAction;
import com.fasterxml.jackson.databind.JsonNode;
import io.custsync.intercom.IntercomApiException;
import io.custsync.intercom.IntercomRequest;

/**
 * One Intercom call a push flow plans, with what to do when Intercom accepts it (write the ledger, plan a
 * follow-up) and when it refuses it. A write is never sent in a dry run (the route counts it under its action),
 * nor when its record's dead letter holds this very write already (refused before, unchanged since).
 *
 * @param action    create, update, archive, delete … for the call that decides a record's fate; null for
 *                  reads and follow-up writes (they do not count as a record of their own)
 * @param record    the record as an operator reads it (dry-run samples, logs)
 * @param subject   the local record the call is about (its dead letter, its replay); null for set-up calls
 */
record PushCall(IntercomRequest request, boolean write, PushAction action, String record, Subject subject, Accepted accepted,
                Refused refused) {

    /**
     * The local record behind a call: {@code key} names its dead letter (the same whatever the call: the customer
     * id, the contact id, "customer 4"), {@code localId} is the source row a replay pushes again.
     */
    record Subject(String key, long localId) {}

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

    /** A set-up read (data attributes, tags): no record of its own. */
    static PushCall read(IntercomRequest request, String record, Accepted accepted, Refused refused) {
        return new PushCall(request, false, null, record, null, accepted, refused);
    }

    static PushCall read(IntercomRequest request, String record, Subject subject, Accepted accepted, Refused refused) {
        return new PushCall(request, false, null, record, subject, accepted, refused);
    }

    /** A set-up write (a data attribute, a tag): no record of its own. */
    static PushCall write(IntercomRequest request, PushAction action, String record, Accepted accepted, Refused refused) {
        return new PushCall(request, true, action, record, null, accepted, refused);
    }

    static PushCall write(IntercomRequest request, PushAction action, String record, Subject subject, Accepted accepted, Refused refused) {
        return new PushCall(request, true, action, record, subject, accepted, refused);
    }

    /** The same call as the one deciding its record's fate (counted under {@code action}). */
    PushCall as(PushAction action) {
        return new PushCall(request, write, action, record, subject, accepted, refused);
    }

    /** What a dead letter keeps of the call: the request line, then its body. */
    byte[] payload() {
        String body = request.body();
        return (request + (body == null ? "" : "\n" + body)).getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    static Verdict deadLetter(IntercomApiException failure) {
        return Verdict.DEAD_LETTER;
    }

    /** For set-up calls: without them no record can be written, so their failure fails the run. */
    static Verdict deadLetterAsFatal(IntercomApiException failure) {
        return Verdict.FATAL;
    }
}
