package io.custsync.ops;

import io.custsync.sync.Flow;
import io.custsync.mapping.Mappings;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * "Run now", the same for the REST API, the status page and the JMX operation: fires the flow's own Quartz
 * job, unless a run of it is already going (then that run's id is the answer), and waits briefly for the
 * run to begin so the caller gets its id.
 */
@Component
public class RunNow {

    /** What came of a request to run a flow now. */
    public sealed interface Result permits Started, AlreadyRunning, Refused, UnknownFlow {}
    /** A run began; its id, or null if it had not begun within the wait (it will). */
    public record Started(Long runId) implements Result {}
    public record AlreadyRunning(long runId) implements Result {}
    public record Refused(String reason) implements Result {}
    public record UnknownFlow(String flow) implements Result {}

    private static final Duration BEGIN_WAIT = Duration.ofSeconds(5);

    private final FlowTrigger triggers;
    private final SyncStatus status;
    private final Mappings mappings;

    public RunNow(FlowTrigger triggers, SyncStatus status, Mappings mappings) {
        this.triggers = triggers;
        this.status = status;
        this.mappings = mappings;
    }

    public synchronized Result run(String flowId, boolean dryRun) {
        Optional<Flow> flow = Flow.byId(flowId);
        if (flow.isEmpty()) {
            return new UnknownFlow(flowId);
        }
        if (!flow.get().enabledBy(mappings)) {
            return new Refused("flow " + flowId + " does not run in mode " + mappings.mode(flow.get().object(), flow.get().system()).word());
        }
        if (dryRun && flow.get().direction() != Flow.Direction.OUT) {
            return new Refused("a dry run is for output flows; " + flowId + " only reads");
        }
        Optional<Map<String, Object>> running = status.running(flowId);
        if (running.isPresent()) {
            return new AlreadyRunning(((Number) running.get().get("runId")).longValue());
        }
        if (!triggers.fireNow(flowId, dryRun)) {
            return new Refused("flow " + flowId + " is not scheduled (its route is stopped)");
        }
        Instant deadline = Instant.now().plus(BEGIN_WAIT);
        while (Instant.now().isBefore(deadline)) {
            Optional<Map<String, Object>> begun = status.running(flowId);
            if (begun.isPresent()) {
                return new Started(((Number) begun.get().get("runId")).longValue());
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        return new Started(null); // it began and already ended, or has not begun yet
    }
}
