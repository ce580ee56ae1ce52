package io.custsync.sync.intercom;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.custsync.intercom.IntercomConnection;
import io.custsync.intercom.IntercomProperties;
import io.custsync.sync.Checkpoints;
import io.custsync.sync.Checkpoints.Checkpoint;
import io.custsync.sync.SyncRuns;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.apache.camel.Exchange;

/**
 * Search flows whose endpoint has no documented sort (conversations, tickets): each run reads the window
 * {@code (checkpoint − lookback, run start)} at second precision, in whatever order Intercom pages it, and
 * only a complete run moves the checkpoint, to just before its start. A run that fails is read again.
 */
abstract class WindowedSearchFlow extends SearchFlow {

    /** Clocks and Intercom's indexing are not exact: each window overlaps the previous one this much. */
    static final Duration LOOKBACK = Duration.ofMinutes(5);

    protected WindowedSearchFlow(IntercomConnection connection, Checkpoints checkpoints, ObjectMapper json, IntercomProperties properties) {
        super(connection, checkpoints, json, properties);
    }

    /** How far back the very first run reads. */
    protected abstract Duration firstPull();

    @Override
    protected ObjectNode query(State state, Optional<Checkpoint> checkpoint, Instant runStart) {
        Instant from = checkpoint.map(c -> c.time().minus(LOOKBACK)).orElse(runStart.minus(firstPull()));
        return and(filter("updated_at", ">", from.getEpochSecond()), filter("updated_at", "<", runStart.getEpochSecond()));
    }

    @Override
    protected void complete(Exchange exchange, State state) {
        // Everything updated before the run's start second has been stored.
        checkpoints.advance(SyncRuns.current(exchange).flow(), state.until.minusSeconds(1), null);
    }
}
