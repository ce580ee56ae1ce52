package io.custsync.ops;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.custsync.sync.Flow;
import io.custsync.store.SyncRunStore;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Optional;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jmx.export.annotation.ManagedOperation;
import org.springframework.jmx.export.annotation.ManagedOperationParameter;
import org.springframework.jmx.export.annotation.ManagedResource;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Dry runs of the output flows: the flow's own route runs with the dry-run flag (so it plans exactly what a real
 * run would; the route's choice on the flag keeps every write endpoint out of reach), counts per action with a
 * sample of records, and writes nothing but its sync_runs row (the report in its {@code report} column).
 * Reachable as {@code POST /api/sync/{flow}/dry-run} and, in the console (Hawtio → JMX → io.custsync →
 * DryRuns), as the operation {@code dryRun(flow)}.
 */
@RestController
@ManagedResource(objectName = "io.custsync:name=DryRuns", description = "Dry runs of the outbound flows")
public class DryRuns {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final FlowTrigger triggers;
    private final SyncRunStore history;

    public DryRuns(FlowTrigger triggers, SyncRunStore history) {
        this.triggers = triggers;
        this.history = history;
    }

    @PostMapping("/api/sync/{flow}/dry-run")
    public ResponseEntity<Map<String, Object>> rest(@PathVariable String flow,
                                                    @RequestParam(defaultValue = "600") int timeoutSeconds) throws Exception {
        if (Flow.byId(flow).isEmpty()) {
            return ResponseEntity.status(HttpStatus.NOT_FOUND).body(Map.of("flow", flow, "outcome", "unknown-flow",
                    "error", "unknown flow '" + flow + "'"));
        }
        Map<String, Object> result = run(flow, Duration.ofSeconds(timeoutSeconds));
        HttpStatus status = switch (String.valueOf(result.get("outcome"))) {
            case "not-an-output-flow", "not-running" -> HttpStatus.CONFLICT;
            case "running" -> HttpStatus.ACCEPTED;
            default -> HttpStatus.OK;
        };
        return ResponseEntity.status(status).body(result);
    }

    @ManagedOperation(description = "Runs an output flow as a dry run and returns its report (counts per action, samples)")
    @ManagedOperationParameter(name = "flow", description = "e.g. healthscore-push, intercom-companies-push, intercom-contacts-push")
    public String dryRun(String flow) throws Exception {
        return JSON.writeValueAsString(run(flow, Duration.ofMinutes(10)));
    }

    /** Fires the flow as a dry run and waits for its run to end (or the timeout: then the run id to look up later). */
    public Map<String, Object> run(String flow, Duration timeout) throws Exception {
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("flow", flow);
        if (Flow.byId(flow).map(f -> f.direction() != Flow.Direction.OUT).orElse(true)) {
            result.put("outcome", "not-an-output-flow");
            return result;
        }
        long before = history.lastRunId(flow);
        if (!triggers.fireNow(flow, true)) {
            result.put("outcome", "not-running");
            result.put("message", "the flow's route is not running (its mode disables it, or it was stopped)");
            return result;
        }
        Instant deadline = Instant.now().plus(timeout);
        while (true) {
            Optional<SyncRunStore.Ended> found = history.dryRunAfter(flow, before);
            if (found.isPresent() && !"running".equals(found.get().outcome())) {
                SyncRunStore.Ended row = found.get();
                result.put("run", row.id());
                result.put("outcome", row.outcome());
                result.put("records_read", row.read());
                String report = row.report();
                JsonNode counts = report == null ? JSON.createObjectNode() : JSON.readTree(report);
                result.put("counts", counts.path("counts").isMissingNode() ? JSON.createObjectNode() : counts.path("counts"));
                result.put("samples", counts.path("samples").isMissingNode() ? JSON.createObjectNode() : counts.path("samples"));
                result.put("message", row.message());
                return result;
            }
            if (Instant.now().isAfter(deadline)) {
                result.put("outcome", "running");
                result.put("run", found.map(SyncRunStore.Ended::id).orElse(null));
                return result;
            }
            Thread.sleep(200);
        }
    }
}
