package io.custsync.sync;

import io.custsync.mapping.Mappings;
import io.custsync.store.SyncRunStore;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import java.util.Optional;
import org.springframework.beans.factory.ObjectProvider;
import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Opens and closes the {@code sync_runs} row of each run and writes the one log line per run an operator
 * reads: the flow, the outcome and the counts.
 */
@Component("syncRuns")
public class SyncRuns {

    private static final Logger log = LoggerFactory.getLogger(SyncRuns.class);

    private final SyncRunStore history;
    private final String node;

    private final Mappings mappings;
    private final ObjectProvider<FlowFirer> triggers;
    private final MeterRegistry meters;
    private final RunsInFlight inFlight;
    private final FlowPlan plan;

    public SyncRuns(SyncRunStore history, Mappings mappings, ObjectProvider<FlowFirer> triggers, MeterRegistry meters,
                    RunsInFlight inFlight, FlowPlan plan) {
        this.inFlight = inFlight;
        this.plan = plan;
        this.history = history;
        this.mappings = mappings;
        this.triggers = triggers;
        this.meters = meters;
        this.node = nodeName();
    }

    /** Starts a run of the flow whose route this is (route id = flow id) and puts it on the exchange. */
    public SyncRun begin(Exchange exchange) {
        String flow = exchange.getFromRouteId();
        boolean dryRun = exchange.getIn().getHeader("dryRun", false, Boolean.class) || RunRequest.dryRun(exchange);
        RunRequest.Replay replay = RunRequest.replay(exchange);
        Instant now = Instant.now();
        // Quartz never runs a flow twice at once (on any node), so a run of it still marked running is one
        // whose process died or whose end could not be recorded (the store was down): close it.
        int stale = history.interruptRunningRunsOf(flow);
        if (stale > 0) {
            log.warn("Flow {}: {} earlier run(s) still marked running were closed as interrupted", flow, stale);
        }
        // A run fired by the schedule carries its scheduled time; "run now" fires are not scheduled ones.
        java.util.Date fired = RunRequest.manual(exchange) ? null : exchange.getIn().getHeader("scheduledFireTime", java.util.Date.class);
        long id = history.insert(flow, dryRun, node, fired == null ? null : fired.toInstant(), replay == null ? null : replay.letter());
        SyncRun run = new SyncRun(id, flow, now, dryRun, replay == null ? null : replay.localId());
        exchange.setProperty(SyncRun.PROPERTY, run);
        inFlight.began(run);
        if (inFlight.isStopping()) {
            run.skip("the service is stopping");
        }
        Flow.byId(flow).flatMap(this::waitingFor).ifPresent(first -> run.skip("waiting for the first complete run of " + first.id()));
        return run;
    }

    /**
     * Per-flow metrics for /actuator/prometheus: records by kind, runs by outcome, run duration. A dry run has
     * series of its own ({@code sync.dry_run.*}): what it would do is never added to what the flows did.
     */
    private void record(SyncRun run, String outcome, Duration took) {
        String flow = run.flow();
        String prefix = run.dryRun() ? "sync.dry_run." : "sync.";
        meters.counter(prefix + "records", "flow", flow, "kind", "read").increment(run.read());
        meters.counter(prefix + "records", "flow", flow, "kind", "written").increment(run.written());
        meters.counter(prefix + "records", "flow", flow, "kind", "skipped").increment(run.skipped());
        meters.counter(prefix + "records", "flow", flow, "kind", "dead_lettered").increment(run.deadLettered());
        meters.counter(prefix + "api.calls", "flow", flow).increment(run.apiCalls());
        meters.counter(prefix + "api.rate_limited", "flow", flow).increment(run.rateLimitedCalls());
        meters.counter(run.dryRun() ? "sync.dry_run.runs" : "sync.runs", "flow", flow, "outcome", outcome).increment();
        meters.timer(run.dryRun() ? "sync.dry_run.duration" : "sync.run.duration", "flow", flow, "outcome", outcome).record(took);
    }

    /** A run outside any route (the replay of a read's dead letter), ended with {@link #end}. */
    public SyncRun beginOutsideRoute(String flow, long replayOf) {
        long id = history.insert(flow, false, node, null, replayOf);
        return new SyncRun(id, flow, Instant.now(), false);
    }

    /**
     * A run outside any route that stores records of {@code flow} as they change (webhook notifications): its row is
     * {@code rowFlow}'s, so it never counts as a run of the flow itself (what later flows wait for, its last run),
     * while the records it keeps aside are the flow's dead letters, replayed as the flow's. Ended with {@link #end}.
     */
    public SyncRun beginNearRealTime(String rowFlow, Flow flow) {
        long id = history.insert(rowFlow, false, node, null, null);
        return new SyncRun(id, flow.id(), Instant.now(), false);
    }

    public void end(SyncRun run, boolean succeeded, String message) {
        finish(run, succeeded ? "succeeded" : "failed", message);
    }

    /** A flow this one must come after that is enabled but has never completed. */
    private Optional<Flow> waitingFor(Flow flow) {
        return plan.waitsFor(flow).stream()
                .filter(f -> f.enabledBy(mappings))
                .filter(first -> !history.everSucceeded(first.id()))
                .findFirst();
    }

    public static SyncRun current(Exchange exchange) {
        SyncRun run = exchange.getProperty(SyncRun.PROPERTY, SyncRun.class);
        if (run == null) {
            throw new IllegalStateException("no sync run on this exchange: the route must call syncRuns.begin first");
        }
        return run;
    }

    /** Ends the run: succeeded, or skipped when something before it decided not to run. */
    public void succeed(Exchange exchange) {
        SyncRun run = current(exchange);
        finish(run, run.isSkipped() ? "skipped" : "succeeded", run.isSkipped() ? run.skipReason() : run.note());
        if (!run.isSkipped() && !run.dryRun() && run.replayOf() == null && !inFlight.isStopping()) {
            fireWaitingFlows(run.flow());
        }
    }

    /** Flows that skipped their run waiting for this one get it now rather than at their next interval. */
    private void fireWaitingFlows(String completed) {
        for (Flow flow : Flow.byId(completed).map(plan::waitingOn).orElse(List.of())) {
            if (flow.enabledBy(mappings)
                    && history.lastRunWasWaiting(flow.id())
                    && waitingFor(flow).isEmpty()) {
                triggers.getObject().fireNow(flow.id());
            }
        }
    }

    /** Ends the run as failed with the exception that stopped it; the service goes on. */
    public void fail(Exchange exchange) {
        SyncRun run = exchange.getProperty(SyncRun.PROPERTY, SyncRun.class);
        Throwable cause = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        if (cause == null) {
            cause = exchange.getException();
        }
        String reason = cause == null ? "unknown failure" : cause.getClass().getSimpleName() + ": " + cause.getMessage();
        if (cause instanceof RunsInFlight.Stopping) {
            reason = cause.getMessage();
        } else if (inFlight.isStopping()) {
            // Whatever the run met last (a call cut off, a wait ended), the stop is why it ended.
            reason = new RunsInFlight.Stopping().getMessage() + " (" + reason + ")";
        }
        if (run == null) {
            log.error("Flow failed before its run began: {}", reason, cause);
            return;
        }
        finish(run, "failed", reason);
    }

    private void finish(SyncRun run, String outcome, String message) {
        try {
            write(run, outcome, message);
        } finally {
            inFlight.ended(run);
        }
    }

    private void write(SyncRun run, String outcome, String message) {
        history.finish(new SyncRunStore.RunEnd(run.id(), outcome, message, run.read(), run.written(), run.skipped(),
                run.deadLettered(), run.apiCalls(), run.rateLimitedCalls(), run.report().isEmpty() ? null : run.report().json()));
        Duration took = Duration.between(run.startedAt(), Instant.now());
        record(run, outcome, took);
        String line = String.format("Flow %s " + (run.dryRun() ? "dry run" : "run") + " %d %s in %d ms: read=%d written=%d skipped=%d dead-lettered=%d api-calls=%d 429s=%d%s",
                run.flow(), run.id(), outcome, took.toMillis(), run.read(), run.written(), run.skipped(), run.deadLettered(),
                run.apiCalls(), run.rateLimitedCalls(), message == null ? "" : " (" + message + ")");
        if ("failed".equals(outcome)) {
            log.warn(line);
        } else {
            log.info(line);
        }
    }

    /**
     * {@code host:pid:boot}: which service instance ran a run, so a restarted one can tell the interrupted runs
     * of a dead predecessor on the same host (another process, or an earlier start in the same process).
     */
    private static String nodeName() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (Exception e) {
            host = "unknown";
        }
        return host + ":" + ProcessHandle.current().pid() + ":" + Long.toString(System.nanoTime(), 36);
    }

    /**
     * Runs left 'running' by a process of this host that no longer exists (killed, crashed) are closed as
     * failed at start-up, so status and history do not show them running forever. Their rows were never
     * committed past their checkpoint, so the next run redoes their work.
     */
    @org.springframework.context.event.EventListener(org.springframework.boot.context.event.ApplicationReadyEvent.class)
    public void closeInterruptedRuns() {
        String[] me = node.split(":");
        for (SyncRunStore.Running row : history.runningOfHost(me[0] + ":%")) {
            String runNode = row.node();
            String[] it = runNode.split(":");
            boolean dead = it.length != 3 || !it[1].matches("\\d+")
                    || (it[1].equals(me[1]) ? !runNode.equals(node) : ProcessHandle.of(Long.parseLong(it[1])).isEmpty());
            if (dead) {
                history.interrupt(row.id());
                log.warn("Flow {} run {} was interrupted when its process ({}) stopped; marked failed", row.flow(), row.id(), runNode);
            }
        }
    }
}
