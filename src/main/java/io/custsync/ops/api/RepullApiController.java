package io.custsync.ops.api;

import io.custsync.sync.Flow;
import io.custsync.mapping.Mappings;
import io.custsync.ops.RunNow;
import io.custsync.sync.intercom.FirstPullWindows;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /api/sync/{flow}/repull}: a windowed read (conversations, tickets) reads the last {@code days} again at
 * its next run, which starts now unless one is going (then the one after it does). What raising first-pull-days after
 * the first run cannot do. Admin only, as every call that changes something.
 */
@RestController
@RequestMapping("/api/sync")
public class RepullApiController {

    /** Bounds of first-pull-days in mappings.yaml. */
    static final int MIN_DAYS = 1;
    static final int MAX_DAYS = 3650;

    private final FirstPullWindows windows;
    private final RunNow runNow;
    private final Mappings mappings;

    public RepullApiController(FirstPullWindows windows, RunNow runNow, Mappings mappings) {
        this.windows = windows;
        this.runNow = runNow;
        this.mappings = mappings;
    }

    /** The days come as {@code {"days": 90}} or {@code ?days=90}. */
    @PostMapping("/{flow}/repull")
    public ResponseEntity<Map<String, Object>> repull(@PathVariable String flow, @RequestParam(required = false) Integer days,
                                                      @RequestBody(required = false) Map<String, Object> body) {
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("flow", flow);
        Optional<Flow> known = Flow.byId(flow);
        if (known.isEmpty()) {
            answer.put("error", "unknown flow '" + flow + "'");
            return ResponseEntity.status(HttpStatus.NOT_FOUND).body(answer);
        }
        if (!windows.hasWindow(flow)) {
            answer.put("error", "flow " + flow + " has no first-pull window: its first run reads the whole source (only "
                    + "intercom-conversations and intercom-tickets can be re-pulled)");
            return ResponseEntity.status(HttpStatus.CONFLICT).body(answer);
        }
        if (!known.get().enabledBy(mappings)) {
            answer.put("error", "flow " + flow + " does not run in mode " + mappings.mode(known.get().object(), known.get().system()).word());
            return ResponseEntity.status(HttpStatus.CONFLICT).body(answer);
        }
        Integer asked = days != null ? days : body != null && body.get("days") instanceof Number n && n.doubleValue() == n.intValue() ? n.intValue() : null;
        if (asked == null || asked < MIN_DAYS || asked > MAX_DAYS) {
            answer.put("error", "days must be a whole number from " + MIN_DAYS + " to " + MAX_DAYS + " (as {\"days\": 90} or ?days=90)");
            return ResponseEntity.badRequest().body(answer);
        }
        Instant from = windows.repull(flow, asked);
        answer.put("days", asked);
        answer.put("from", from.toString());
        RunNow.Result run = runNow.run(flow, false);
        if (run instanceof RunNow.Started started) {
            answer.put("runId", started.runId());
            answer.put("message", "re-pull started: the run reads back to " + from);
        } else if (run instanceof RunNow.AlreadyRunning running) {
            answer.put("runningRunId", running.runId());
            answer.put("message", "a run is going; the next run reads back to " + from);
        } else {
            answer.put("message", "the next run reads back to " + from
                    + (run instanceof RunNow.Refused refused ? " (" + refused.reason() + ")" : ""));
        }
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(answer);
    }
}
