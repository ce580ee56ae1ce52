package io.custsync.sync.intercom.push;

import com.fasterxml.jackson.databind.JsonNode;
import io.custsync.intercom.IntercomApiException;
import io.custsync.intercom.IntercomConnection;
import io.custsync.intercom.IntercomRequest;
import io.custsync.sync.DeadLetters;
import io.custsync.sync.SyncRun;
import io.custsync.sync.SyncRuns;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The shape every outbound-to-Intercom flow shares (routes/intercom-push.camel.yaml): set-up calls, then
 * pages of store rows turned into planned calls, one call per loop turn through {@code direct:intercom-call}.
 * A refused call is the record's problem (dead letter, run goes on) unless the whole connection is (401,
 * 403, rate limit given up): then the run stops. In a dry run, writes are counted and never sent.
 */
public abstract class PushFlow {

    /** Actions that are a record's fate: they count as written. */
    private static final Set<String> RECORD_ACTIONS = Set.of("create", "update", "archive", "delete", "update-contact");

    private static final Logger log = LoggerFactory.getLogger(PushFlow.class);

    private final IntercomConnection connection;
    private final DeadLetters deadLetters;
    private final String object;
    private PushHealth health;

    @org.springframework.beans.factory.annotation.Autowired
    void setHealth(PushHealth health) {
        this.health = health;
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
            counted(run, state, call.action(), call.record());
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
            run.note(run.dryRun() ? state.report.json() : state.report.summary());
            health.succeeded(run.flow());
        }
    }

    /** A failure every further call would share: the connection, not the record. */
    private static boolean stopsTheRun(IntercomApiException failure) {
        return failure instanceof IntercomApiException.Unauthorized || failure instanceof IntercomApiException.RateLimited
                || failure.status() == 403;
    }

    private void deadLetter(SyncRun run, PushState state, PushCall call, IntercomApiException failure) {
        if (run.dryRun()) {
            counted(run, state, "failed", call.record());
            return;
        }
        log.warn("{} {} {} refused by Intercom and kept as a dead letter: {}", run.flow(), object, call.record(), failure.getMessage());
        String body = call.request().body();
        byte[] payload = (call.request() + (body == null ? "" : "\n" + body)).getBytes(StandardCharsets.UTF_8);
        deadLetters.add(run, object, call.record(), payload, failure.code() == null ? "http_" + failure.status() : failure.code(),
                failure.getMessage());
        state.report.count("dead-lettered", call.record());
    }

    /** Counts a record's outcome: in the report, and as written / skipped on the run. */
    protected static void counted(SyncRun run, PushState state, String action, String record) {
        state.report.count(action, record);
        if (RECORD_ACTIONS.contains(action)) {
            if (!run.dryRun()) {
                run.written(1);
            }
        } else if (!action.equals("failed") && !action.endsWith("-attribute") && !action.endsWith("-tag")) {
            run.skipped(1);
        }
    }

    /** Moves to the next call: planned ones first, then the next page of the source; writes stay unsent in a dry run. */
    private void advance(Exchange exchange, SyncRun run, PushState state) {
        while (state.failure == null) {
            PushCall next = state.queue.poll();
            if (next == null) {
                if (state.sourceDone || !plan(run, state)) {
                    state.sourceDone = true;
                    if (state.queue.isEmpty()) {
                        break;
                    }
                }
                continue;
            }
            if (next.write() && run.dryRun()) {
                if (next.action() != null) {
                    counted(run, state, next.action(), next.record());
                }
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
}
