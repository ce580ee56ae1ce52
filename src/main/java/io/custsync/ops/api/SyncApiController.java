package io.custsync.ops.api;

import io.custsync.ops.RunNow;
import io.custsync.ops.SyncStatus;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** {@code /api/sync}: the status of every flow, and "run now". */
@RestController
@RequestMapping("/api/sync")
public class SyncApiController {

    private final SyncStatus status;
    private final RunNow runNow;

    public SyncApiController(SyncStatus status, RunNow runNow) {
        this.status = status;
        this.runNow = runNow;
    }

    @GetMapping("/status")
    public Map<String, Object> status() {
        return status.status();
    }

    /** 202 with the run id; 409 with the running run's id when one is going; 409 when the flow cannot run now. */
    @PostMapping("/{flow}/run")
    public ResponseEntity<Map<String, Object>> run(@PathVariable String flow, @RequestParam(defaultValue = "false") boolean dryRun) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("flow", flow);
        body.put("dryRun", dryRun);
        RunNow.Result result = runNow.run(flow, dryRun);
        if (result instanceof RunNow.Started started) {
            body.put("runId", started.runId());
            return ResponseEntity.status(HttpStatus.ACCEPTED).body(body);
        }
        if (result instanceof RunNow.AlreadyRunning running) {
            body.put("error", "flow " + flow + " is already running");
            body.put("runningRunId", running.runId());
            return ResponseEntity.status(HttpStatus.CONFLICT).body(body);
        }
        if (result instanceof RunNow.UnknownFlow) {
            body.put("error", "unknown flow '" + flow + "'");
            return ResponseEntity.status(HttpStatus.NOT_FOUND).body(body);
        }
        body.put("error", ((RunNow.Refused) result).reason());
        return ResponseEntity.status(HttpStatus.CONFLICT).body(body);
    }
}
