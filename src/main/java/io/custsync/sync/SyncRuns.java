package io.custsync.sync;

import io.custsync.store.QueryCatalogue;
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

    public SyncRuns(NamedParameterJdbcTemplate jdbc, QueryCatalogue queries) {
        this.jdbc = jdbc;
        this.queries = queries;
        this.node = hostName();
    }

    /** Starts a run of the flow whose route this is (route id = flow id) and puts it on the exchange. */
    public SyncRun begin(Exchange exchange) {
        String flow = exchange.getFromRouteId();
        boolean dryRun = exchange.getIn().getHeader("dryRun", false, Boolean.class);
        Instant now = Instant.now();
        Long id = jdbc.queryForObject(queries.sql("insert-sync-run"), new MapSqlParameterSource()
                .addValue("flow", flow).addValue("dryRun", dryRun).addValue("node", node), Long.class);
        SyncRun run = new SyncRun(id, flow, now, dryRun);
        exchange.setProperty(SyncRun.PROPERTY, run);
        return run;
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
        finish(run, run.isSkipped() ? "skipped" : "succeeded", run.skipReason());
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
