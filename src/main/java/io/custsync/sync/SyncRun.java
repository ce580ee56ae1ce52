package io.custsync.sync;

import io.custsync.intercom.CallCounter;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One run of one flow, carried through the route as the exchange property {@value #PROPERTY}: its row id
 * in {@code sync_runs} and the counters the row gets when the run ends.
 */
public final class SyncRun implements CallCounter {

    public static final String PROPERTY = CallCounter.PROPERTY;

    private final long id;
    private final String flow;
    private final Instant startedAt;
    private final boolean dryRun;
    private final Long replayOf;
    private final PushReport report = new PushReport();
    private final AtomicLong read = new AtomicLong();
    private final AtomicLong written = new AtomicLong();
    private final AtomicLong skipped = new AtomicLong();
    private final AtomicLong deadLettered = new AtomicLong();
    private final AtomicLong apiCalls = new AtomicLong();
    private final AtomicLong rateLimited = new AtomicLong();
    private volatile boolean complete;
    private volatile String skipReason;
    private volatile String note;

    SyncRun(long id, String flow, Instant startedAt, boolean dryRun) {
        this(id, flow, startedAt, dryRun, null);
    }

    SyncRun(long id, String flow, Instant startedAt, boolean dryRun, Long replayOf) {
        this.id = id;
        this.flow = flow;
        this.startedAt = startedAt;
        this.dryRun = dryRun;
        this.replayOf = replayOf;
    }

    public long id() { return id; }
    public String flow() { return flow; }
    public Instant startedAt() { return startedAt; }
    /** The run's dry-run flag; the routes test it as {@code ${exchangeProperty.syncRun.dryRun}}. */
    public boolean dryRun() { return dryRun; }
    /**
     * A push run that replays a dead letter: the local row (customers.id, contacts.id) it pushes again, alone,
     * whether or not it was refused before; null for every other run.
     */
    public Long replayOf() { return replayOf; }
    /** What an output run did or would do, per action (sync_runs.report). */
    public PushReport report() { return report; }

    public void read(long n) { read.addAndGet(n); }
    public void written(long n) { written.addAndGet(n); }
    public void skipped(long n) { skipped.addAndGet(n); }
    public void deadLettered(long n) { deadLettered.addAndGet(n); }
    @Override public void apiCall() { apiCalls.incrementAndGet(); }
    @Override public void rateLimited() { rateLimited.incrementAndGet(); }

    public long read() { return read.get(); }
    public long written() { return written.get(); }
    public long skipped() { return skipped.get(); }
    public long deadLettered() { return deadLettered.get(); }
    public long apiCalls() { return apiCalls.get(); }
    public long rateLimitedCalls() { return rateLimited.get(); }

    /** The flow read its whole source (no page failed or was cut short): what churn-on-missing needs. */
    public void markComplete() { complete = true; }
    public boolean isComplete() { return complete; }

    /** The run does nothing, for this reason (e.g. the connection needs re-authentication). */
    public void skip(String reason) { skipReason = reason; }
    public boolean isSkipped() { return skipReason != null; }
    public String skipReason() { return skipReason; }

    /** What a succeeded run reports in sync_runs.message (e.g. a push's counts per action, a dry run's report). */
    public void note(String text) { note = text; }
    public String note() { return note; }

    @Override
    public String toString() {
        return "run " + id + " of " + flow + ": read=" + read + " written=" + written + " skipped=" + skipped
                + " deadLettered=" + deadLettered + " apiCalls=" + apiCalls + " rateLimited=" + rateLimited;
    }
}
