package io.custsync.sync.intercom.push;

import io.custsync.sync.PushAction;
import com.fasterxml.jackson.databind.JsonNode;
import io.custsync.intercom.IntercomApiException;
import io.custsync.intercom.IntercomConnection;
import io.custsync.intercom.IntercomRequest;
import io.custsync.sync.DeadLetters;
import io.custsync.sync.SyncRun;
import io.custsync.sync.SyncRuns;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;

/**
 * The shape every outbound-to-Intercom flow shares (routes/intercom-push.camel.yaml): set-up calls, then
 * pages of store rows turned into planned calls, one call per loop turn through {@code direct:intercom-call}.
 * A refused call is the record's problem (dead letter, run goes on) unless the whole connection is (401,
 * 403, rate limit given up): then the run stops. A write refused before and unchanged since is not sent again
 * (until the record changes, or its letter is replayed); a record that goes through resolves its open letter.
 * In a dry run the route counts each write ({@link #wouldWrite}) instead of making it.
 */
public abstract class PushFlow {

    private static final Logger log = LoggerFactory.getLogger(PushFlow.class);

    private final IntercomConnection connection;
    private final DeadLetters deadLetters;
    private final String object;
    private PushHealth health;
    private ApplicationEventPublisher events;

    @org.springframework.beans.factory.annotation.Autowired
    void setHealth(PushHealth health) {
        this.health = health;
    }

    @org.springframework.beans.factory.annotation.Autowired
    void setEvents(ApplicationEventPublisher events) {
        this.events = events;
    }

    protected PushFlow(IntercomConnection connection, DeadLetters deadLetters, String object) {
        this.connection = connection;
        this.deadLetters = deadLetters;
        this.object = object;
    }

    /** Plans the calls that must come before any record (data attributes, tags). */
    protected abstract void setup(SyncRun run, PushState state);

    /** Plans the next page of records; false when the source has no more rows. */
    protected abstract boolean plan(SyncRun run, PushState state);

    public void start(Exchange exchange) {
        SyncRun run = SyncRuns.current(exchange);
        PushState state = new PushState();
        exchange.setProperty(PushState.PROPERTY, state);
        if (run.isSkipped()) {
            return;
        }
        if (!connection.usable()) {
            run.skip("Intercom needs re-authentication: " + connection.reason());
            return;
        }
        state.anyRefused = deadLetters.anyRefused(run.flow());
        if (!run.dryRun() && run.replayOf() == null) {
            events.publishEvent(new PushStarting(run.flow()));
        }
        setup(run, state);
        advance(exchange, run, state);
    }

    /** Intercom accepted the current call: its follow-up (ledger, links, next calls) happens now, then the next call. */
    public void accepted(Exchange exchange) {
        SyncRun run = SyncRuns.current(exchange);
        PushState state = exchange.getProperty(PushState.PROPERTY, PushState.class);
        PushCall call = state.current;
        try {
            call.accepted().accept(exchange.getIn().getBody(JsonNode.class));
        } catch (DataAttributes.ConfigurationError e) {
            health.configurationError(run.flow(), e.getMessage());
            throw e;
        }
        if (call.action() != null) {
            counted(run, state, call.action(), call.record(), call.subject());
        }
        advance(exchange, run, state);
    }

    /** A dry run's write, in place of the call: counted under its action, never sent; then the next call. */
    public void wouldWrite(Exchange exchange) {
        SyncRun run = SyncRuns.current(exchange);
        PushState state = exchange.getProperty(PushState.PROPERTY, PushState.class);
        PushCall call = state.current;
        if (call.action() != null) {
            counted(run, state, call.action(), call.record(), null);
        }
        advance(exchange, run, state);
    }

    /**
     * Intercom refused the current call (after the call route's own retries). Runs inside the route's doCatch,
     * where a thrown exception would escape the flow's error handling: failures are kept for finish().
     */
    public void refused(Exchange exchange) {
        SyncRun run = SyncRuns.current(exchange);
        PushState state = exchange.getProperty(PushState.PROPERTY, PushState.class);
        try {
            IntercomApiException failure = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, IntercomApiException.class);
            PushCall call = state.current;
            if (stopsTheRun(failure)) {
                state.failure = failure;
            } else {
                switch (call.refused().refused(failure)) {
                    case HANDLED -> { }
                    case DEAD_LETTER -> deadLetter(run, state, call, failure);
                    case FATAL -> state.failure = failure;
                }
            }
            advance(exchange, run, state);
        } catch (RuntimeException e) {
            state.failure = e;
            state.hasCall = false;
        }
    }

    public void finish(Exchange exchange) throws Exception {
        SyncRun run = SyncRuns.current(exchange);
        PushState state = exchange.getProperty(PushState.PROPERTY, PushState.class);
        if (state.failure != null) {
            throw state.failure;
        }
        if (!run.isSkipped()) {
            resolveClean(run, state);
            run.note(run.report().summary());
            health.succeeded(run.flow());
        }
    }

    /** A failure every further call would share: the connection, not the record. */
    private static boolean stopsTheRun(IntercomApiException failure) {
        return failure instanceof IntercomApiException.Unauthorized || failure instanceof IntercomApiException.RateLimited
                || failure.status() == 403;
    }

    private void deadLetter(SyncRun run, PushState state, PushCall call, IntercomApiException failure) {
        log.warn("{} {} {} refused by Intercom and kept as a dead letter: {}", run.flow(), object, call.record(), failure.getMessage());
        byte[] payload = call.payload();
        String key = call.subject() == null ? call.record() : call.subject().key();
        deadLetters.add(run, object, key, call.subject() == null ? null : call.subject().localId(), payload, DeadLetters.version(payload),
                failure.code() == null ? "http_" + failure.status() : failure.code(), failure.getMessage());
        state.failed.add(key);
        run.report().count(PushAction.DEAD_LETTERED, call.record());
    }

    /** Counts a record's outcome: in the report, and as written / skipped on the run. */
    protected static void counted(SyncRun run, PushState state, PushAction action, String record) {
        counted(run, state, action, record, null);
    }

    /** … and, for a record that agrees with Intercom now ({@code subject} given), marks its open letter to resolve. */
    protected static void counted(SyncRun run, PushState state, PushAction action, String record, PushCall.Subject subject) {
        run.report().count(action, record);
        switch (action.fate()) {
            case WRITTEN -> {
                if (!run.dryRun()) {
                    run.written(1);
                }
            }
            case AGREES, SKIPPED -> run.skipped(1);
            case SET_UP -> { }
        }
        if (subject != null && action.agrees()) {
            state.clean.add(subject.key());
        }
    }

    /**
     * One page of the flow's source ({@code query}: after, limit → rows, ordered by {@code idColumn}). A replay's
     * one page is its one row (found by the keyset: the first row after id − 1), and nothing after it.
     */
    protected List<Map<String, Object>> sourcePage(SyncRun run, PushState state, int pageSize, String idColumn,
                                                   BiFunction<Long, Integer, List<Map<String, Object>>> query) {
        Long replay = run.replayOf();
        if (replay == null) {
            return query.apply(state.after, pageSize);
        }
        if (state.after >= replay) {
            return List.of();
        }
        state.after = replay;
        List<Map<String, Object>> rows = new ArrayList<>(query.apply(replay - 1, 1));
        rows.removeIf(row -> ((Number) row.get(idColumn)).longValue() != replay);
        if (rows.isEmpty()) {
            throw new IllegalStateException(object + " " + replay + " is not in the flow's source (any more): nothing to replay");
        }
        return rows;
    }

    /** The records of the page planned last that went through resolve their open letters (those refused again do not). */
    private void resolveClean(SyncRun run, PushState state) {
        state.clean.removeAll(state.failed);
        deadLetters.resolve(run, object, state.clean);
        state.clean.clear();
        state.failed.clear();
    }

    /**
     * Moves to the next call: planned ones first, then the next page of the source. A write whose record's dead
     * letter holds this very write (refused before, unchanged since) is not made, unless the run replays it.
     */
    private void advance(Exchange exchange, SyncRun run, PushState state) {
        while (state.failure == null) {
            PushCall next = state.queue.poll();
            if (next == null) {
                resolveClean(run, state); // every call of the page is done
                if (state.sourceDone || !plan(run, state)) {
                    state.sourceDone = true;
                    if (state.queue.isEmpty()) {
                        break;
                    }
                }
                continue;
            }
            if (next.write() && refusedBefore(run, state, next)) {
                if (next.action() != null) {
                    run.skipped(1);
                    run.report().count(PushAction.STILL_REFUSED, next.record());
                }
                state.failed.add(next.subject().key());
                continue;
            }
            state.current = next;
            exchange.setProperty(IntercomRequest.PROPERTY, next.request());
            state.hasCall = true;
            return;
        }
        state.current = null;
        state.hasCall = false;
    }

    private boolean refusedBefore(SyncRun run, PushState state, PushCall call) {
        return state.anyRefused && call.subject() != null && run.replayOf() == null
                && deadLetters.refusedBefore(run.flow(), object, call.subject().key(), DeadLetters.version(call.payload()));
    }
}
