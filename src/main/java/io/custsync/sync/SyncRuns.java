package io.custsync.sync;

import io.custsync.mapping.Flow;
import io.custsync.mapping.Mappings;
import io.custsync.ops.FlowTrigger;
import io.custsync.store.QueryCatalogue;
import java.util.Optional;
import org.springframework.beans.factory.ObjectProvider;
import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Opens and closes the {@code sync_runs} row of each run and writes the one log line per run an operator
 * reads: the flow, the outcome and the counts.
 */
@Component("syncRuns")
public class SyncRuns {

    private static final Logger log = LoggerFactory.getLogger(SyncRuns.class);

    private final NamedParameterJdbcTemplate jdbc;
    private final QueryCatalogue queries;
    private final String node;

    private final Mappings mappings;
    private final ObjectProvider<FlowTrigger> triggers;

    public SyncRuns(NamedParameterJdbcTemplate jdbc, QueryCatalogue queries, Mappings mappings, ObjectProvider<FlowTrigger> triggers) {
        this.jdbc = jdbc;
        this.queries = queries;
        this.mappings = mappings;
        this.triggers = triggers;
        this.node = hostName();
    }

    /** Starts a run of the flow whose route this is (route id = flow id) and puts it on the exchange. */
    public SyncRun begin(Exchange exchange) {
        String flow = exchange.getFromRouteId();
        boolean dryRun = exchange.getIn().getHeader("dryRun", false, Boolean.class) || FlowTrigger.dryRun(exchange);
        Instant now = Instant.now();
        Long id = jdbc.queryForObject(queries.sql("insert-sync-run"), new MapSqlParameterSource()
                .addValue("flow", flow).addValue("dryRun", dryRun).addValue("node", node), Long.class);
        SyncRun run = new SyncRun(id, flow, now, dryRun);
        exchange.setProperty(SyncRun.PROPERTY, run);
        Flow.byId(flow).flatMap(this::waitingFor).ifPresent(first -> run.skip("waiting for the first complete run of " + first.id()));
        return run;
    }

    /** A flow this one must come after that is enabled but has never completed. */
    private Optional<Flow> waitingFor(Flow flow) {
        return flow.after().stream()
                .filter(mappings::enabled)
                .filter(first -> !Boolean.TRUE.equals(jdbc.queryForObject(queries.sql("flow-ever-succeeded"),
                        new MapSqlParameterSource("flow", first.id()), Boolean.class)))
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
        if (!run.isSkipped()) {
            fireWaitingFlows(run.flow());
        }
    }

    /** Flows that skipped their run waiting for this one get it now rather than at their next interval. */
    private void fireWaitingFlows(String completed) {
        for (Flow flow : Flow.values()) {
            if (mappings.enabled(flow) && flow.after().stream().anyMatch(f -> f.id().equals(completed))
                    && Boolean.TRUE.equals(jdbc.queryForObject(queries.sql("last-run-was-waiting"),
                            new MapSqlParameterSource("flow", flow.id()), Boolean.class))
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
        if (run == null) {
            log.error("Flow failed before its run began: {}", reason, cause);
            return;
        }
        finish(run, "failed", reason);
    }

    private void finish(SyncRun run, String outcome, String message) {
        jdbc.update(queries.sql("finish-sync-run"), new MapSqlParameterSource()
                .addValue("id", run.id()).addValue("outcome", outcome).addValue("message", message)
                .addValue("read", run.read()).addValue("written", run.written()).addValue("skipped", run.skipped())
                .addValue("deadLettered", run.deadLettered()).addValue("apiCalls", run.apiCalls())
                .addValue("rateLimited", run.rateLimitedCalls()));
        Duration took = Duration.between(run.startedAt(), Instant.now());
        String line = String.format("Flow %s run %d %s in %d ms: read=%d written=%d skipped=%d dead-lettered=%d api-calls=%d 429s=%d%s",
                run.flow(), run.id(), outcome, took.toMillis(), run.read(), run.written(), run.skipped(), run.deadLettered(),
                run.apiCalls(), run.rateLimitedCalls(), message == null ? "" : " (" + message + ")");
        if ("failed".equals(outcome)) {
            log.warn(line);
        } else {
            log.info(line);
        }
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (Exception e) {
            return "unknown";
        }
    }
}
