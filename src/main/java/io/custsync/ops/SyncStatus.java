package io.custsync.ops;

import io.custsync.intercom.IntercomConnection;
import io.custsync.sync.Flow;
import io.custsync.salesforce.SalesforceConnection;
import io.custsync.mapping.Mappings;
import io.custsync.store.Checkpoints;
import io.custsync.store.DeadLetterStore;
import io.custsync.store.SyncRunStore;
import io.custsync.sync.intercom.FirstPullWindows;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.camel.CamelContext;
import org.apache.camel.ServiceStatus;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * What an operator wants to see per flow, in one place: mode, schedule and next fire, the run going on, the
 * last runs with their counts, an output flow's last dry run apart from them, checkpoint lag, open dead letters,
 * and the state of the connections.
 */
@Component
public class SyncStatus {

    private static final int RECENT_RUNS = 20;
    private static final com.fasterxml.jackson.databind.ObjectMapper JSON = new com.fasterxml.jackson.databind.ObjectMapper();

    private final Mappings mappings;
    private final SyncRunStore history;
    private final DeadLetterStore deadLetters;
    private final Checkpoints checkpoints;
    private final FlowTrigger triggers;
    private final CamelContext camel;
    private final Environment environment;
    private final IntercomConnection intercom;
    private final SalesforceConnection salesforce;
    private final FirstPullWindows windows;

    public SyncStatus(Mappings mappings, SyncRunStore history, DeadLetterStore deadLetters, Checkpoints checkpoints,
                      FlowTrigger triggers, CamelContext camel, Environment environment, IntercomConnection intercom,
                      SalesforceConnection salesforce, FirstPullWindows windows) {
        this.windows = windows;
        this.salesforce = salesforce;
        this.mappings = mappings;
        this.history = history;
        this.deadLetters = deadLetters;
        this.checkpoints = checkpoints;
        this.triggers = triggers;
        this.camel = camel;
        this.environment = environment;
        this.intercom = intercom;
    }

    public Map<String, Object> status() {
        Map<String, Object> status = new LinkedHashMap<>();
        status.put("generatedAt", Instant.now().toString());
        status.put("connections", Map.of("intercom", intercomState(), "salesforce", salesforceState()));
        List<Map<String, Object>> flows = new ArrayList<>();
        for (Flow flow : Flow.values()) {
            flows.add(flow(flow));
        }
        status.put("flows", flows);
        return status;
    }

    public Map<String, Object> intercomState() {
        Map<String, Object> state = new LinkedHashMap<>();
        boolean down = intercom.usable() && intercom.unreachableReason() != null;
        state.put("state", down ? "DOWN" : intercom.state().name());
        state.put("reason", down ? intercom.unreachableReason() : intercom.reason());
        state.put("apiUrl", intercom.apiUrl());
        state.put("sandbox", intercom.isSandbox());
        return state;
    }

    public Map<String, Object> salesforceState() {
        Map<String, Object> state = new LinkedHashMap<>();
        state.put("state", !salesforce.configured() ? "NOT_CONFIGURED" : salesforce.failure() != null ? "DOWN" : "UP");
        state.put("reason", salesforce.failure());
        state.put("sandbox", salesforce.kind() == SalesforceConnection.Kind.SANDBOX);
        return state;
    }

    /** The running run of a flow, if any. */
    public Optional<Map<String, Object>> running(String flow) {
        return history.running(flow).map(r -> Map.of("runId", r.id(), "startedAt", r.startedAt().toString(), "dryRun", r.dryRun()));
    }

    private Map<String, Object> flow(Flow flow) {
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("flow", flow.id());
        f.put("object", flow.object());
        f.put("system", flow.system());
        f.put("direction", flow.direction() == Flow.Direction.IN ? "inbound" : "outbound");
        f.put("mode", mappings.mode(flow.object(), flow.system()).word());
        f.put("enabled", flow.enabledBy(mappings));
        ServiceStatus route = camel.getRoute(flow.id()) == null ? null : camel.getRouteController().getRouteStatus(flow.id());
        f.put("routeStatus", route == null ? "NotLoaded" : route.name());
        f.put("schedule", schedule(flow.id()));
        // Quartz keeps the trigger of a disabled or stopped route: its next fire time would start nothing.
        var next = route == ServiceStatus.Started ? triggers.nextFireTime(flow.id()) : null;
        f.put("nextFireTime", next == null ? null : next.toInstant().toString());
        f.put("running", running(flow.id()).orElse(null));
        List<Map<String, Object>> runs = history.recent(flow.id(), RECENT_RUNS).stream().map(SyncStatus::run).toList();
        f.put("lastRun", runs.stream().filter(r -> !"running".equals(r.get("outcome"))).findFirst().orElse(null));
        f.put("recentRuns", runs);
        if (flow.direction() == Flow.Direction.OUT) {
            f.put("lastDryRun", history.lastDryRun(flow.id()).map(SyncStatus::run).orElse(null));
        }
        f.put("checkpoint", checkpoint(flow.id()));
        f.put("firstPull", windows.describe(flow.id()).orElse(null)); // windowed reads: setting, days, reach (Re-pull)
        f.put("openDeadLetters", deadLetters.openCount(flow.id()));
        f.put("connection", (flow.system().equals("intercom") ? intercomState() : salesforceState()).get("state"));
        return f;
    }

    /**
     * How far the flow is behind now: the time since its last complete run. The checkpoint's own time is the newest
     * source change read, which for a quiet source can be months old right after a successful run, so it is shown
     * under that name and not as the lag.
     */
    private Map<String, Object> checkpoint(String flow) {
        Map<String, Object> c = new LinkedHashMap<>();
        Instant now = Instant.now();
        history.lastComplete(flow).ifPresent(t -> {
            c.put("lastCompleteRun", t.toString());
            c.put("lagSeconds", Math.max(0, Duration.between(t, now).toSeconds()));
        });
        checkpoints.get(flow).filter(k -> k.time() != null).ifPresent(k -> c.put("newestChangeRead", k.time().toString()));
        return c.isEmpty() ? null : c;
    }

    private String schedule(String flow) {
        return environment.getProperty("sync.flows." + flow + ".schedule", "none (no route in routes/ creates this flow)");
    }

    private static Map<String, Object> run(SyncRunStore.RunRow row) {
        Map<String, Object> run = new LinkedHashMap<>();
        Instant started = row.startedAt();
        Instant finished = row.finishedAt();
        run.put("id", row.id());
        run.put("startedAt", started.toString());
        run.put("finishedAt", finished == null ? null : finished.toString());
        run.put("durationMs", finished == null ? null : Duration.between(started, finished).toMillis());
        run.put("outcome", row.outcome());
        run.put("dryRun", row.dryRun());
        run.put("read", row.read());
        run.put("written", row.written());
        run.put("skipped", row.skipped());
        run.put("deadLettered", row.deadLettered());
        run.put("apiCalls", row.apiCalls());
        run.put("rateLimited", row.rateLimited());
        run.put("replayOf", row.replayOf());
        run.put("message", row.message());
        run.put("report", report(row.report()));
        run.put("node", row.node());
        return run;
    }

    /** An output run's counts per action and samples, as JSON (not as text to be parsed by whoever reads it). */
    private static Object report(String json) {
        if (json == null) {
            return null;
        }
        try {
            return JSON.readTree(json);
        } catch (java.io.IOException e) {
            return null;
        }
    }
}
