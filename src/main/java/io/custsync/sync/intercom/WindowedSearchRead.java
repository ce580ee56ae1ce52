package io.custsync.sync.intercom;

import io.custsync.sync.Flow;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.custsync.intercom.IntercomConnection;
import io.custsync.intercom.IntercomProperties;
import io.custsync.store.Checkpoints;
import io.custsync.store.Checkpoints.Checkpoint;
import io.custsync.sync.SyncRuns;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.apache.camel.Exchange;

/**
 * Search flows whose endpoint has no documented sort (conversations, tickets): each run reads the window
 * {@code (checkpoint − lookback, run start)} at second precision, in whatever order Intercom pages it, and
 * only a complete run moves the checkpoint, to just before its start. A run that fails is read again.
 * The first run reaches back {@code first-pull-days}; a re-pull an operator asks for widens one run's window back
 * to the day asked ({@link Checkpoints#requestRepull}). How far the reads reach is kept, so a first-pull-days
 * raised later is noticed ({@link FirstPullWindows}).
 */
abstract class WindowedSearchRead extends SearchRead {

    /** Clocks and Intercom's indexing are not exact: each window overlaps the previous one this much. */
    static final Duration LOOKBACK = Duration.ofMinutes(5);

    /** A run's window, fixed when its first page is asked for: a re-pull asked during the run waits for the next. */
    static final class WindowState extends State {
        private Instant windowStart;
        private Instant repull;
        private boolean widens;
    }

    protected WindowedSearchRead(IntercomConnection connection, Checkpoints checkpoints, ObjectMapper json, IntercomProperties properties) {
        super(connection, checkpoints, json, properties);
    }

    /** The flow id (route id). */
    public abstract Flow flow();

    /** The mappings key of how far back the very first run reads, e.g. {@code objects.tickets.intercom.first-pull-days}. */
    protected abstract String firstPullSetting();

    /** How far back the very first run reads. */
    protected abstract Duration firstPull();

    @Override
    protected State newState() {
        return new WindowState();
    }

    @Override
    protected ObjectNode query(State s, Optional<Checkpoint> checkpoint, Instant runStart) {
        WindowState state = (WindowState) s;
        if (state.windowStart == null) {
            Checkpoints.Window window = checkpoints.window(flow().id());
            Instant from = checkpoint.map(Checkpoint::time).map(t -> t.minus(LOOKBACK)).orElse(null);
            state.widens = from == null; // the first pull
            if (from == null) {
                from = runStart.minus(firstPull());
            }
            if (window.repullFrom() != null && window.repullFrom().isBefore(from)) {
                from = window.repullFrom();
                state.widens = true;
            }
            state.repull = window.repullFrom();
            state.windowStart = from;
        }
        return and(filter("updated_at", ">", state.windowStart.getEpochSecond()), filter("updated_at", "<", runStart.getEpochSecond()));
    }

    @Override
    protected void complete(Exchange exchange, State s) {
        WindowState state = (WindowState) s;
        String flow = SyncRuns.current(exchange).flow();
        // Everything updated before the run's start second has been stored.
        checkpoints.advance(flow, state.until.minusSeconds(1), null);
        if (state.windowStart != null && (state.widens || state.repull != null)) {
            checkpoints.windowRead(flow, state.widens ? state.windowStart : null, state.repull);
        }
    }
}
