package io.custsync.ops.api;

import io.custsync.sync.Flow;
import io.custsync.ops.DeadLetterReplay;
import java.util.List;
import java.util.Map;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/dead-letters}: list with filters (status open, resolved, replayed, discarded or all), inspect, replay
 * one or all of a flow, discard with a reason; 404 for a letter or flow that does not exist.
 */
@RestController
@RequestMapping("/api/dead-letters")
public class DeadLettersApiController {

    private final DeadLetterReplay deadLetters;

    public DeadLettersApiController(DeadLetterReplay deadLetters) {
        this.deadLetters = deadLetters;
    }

    @GetMapping
    public List<Map<String, Object>> list(@RequestParam(required = false) String flow, @RequestParam(required = false) String object,
                                          @RequestParam(required = false) String error,
                                          @RequestParam(defaultValue = "open") String status,
                                          @RequestParam(defaultValue = "100") int limit) {
        return deadLetters.list(flow, object, error, "all".equals(status) ? null : status, limit);
    }

    @GetMapping("/{id}")
    public ResponseEntity<Map<String, Object>> get(@PathVariable long id) {
        return deadLetters.get(id).map(ResponseEntity::ok).orElse(ResponseEntity.notFound().build());
    }

    @PostMapping("/{id}/replay")
    public ResponseEntity<DeadLetterReplay.Result> replay(@PathVariable long id) {
        if (deadLetters.get(id).isEmpty()) {
            return ResponseEntity.notFound().build();
        }
        DeadLetterReplay.Result result = deadLetters.replay(id);
        return result.replayed() ? ResponseEntity.ok(result) : ResponseEntity.unprocessableEntity().body(result);
    }

    /** Replays every open dead letter of a flow; answers the outcome of each. */
    @PostMapping("/replay")
    public ResponseEntity<Map<String, Object>> replayAll(@RequestParam String flow) {
        if (Flow.byId(flow).isEmpty()) {
            return ResponseEntity.status(404).body(Map.of("error", "unknown flow '" + flow + "'"));
        }
        List<DeadLetterReplay.Result> results = deadLetters.replayAll(flow);
        return ResponseEntity.ok(Map.of("flow", flow, "replayed", results.stream().filter(DeadLetterReplay.Result::replayed).count(),
                "failed", results.stream().filter(r -> !r.replayed()).count(), "results", results));
    }

    @PostMapping("/{id}/discard")
    public ResponseEntity<Map<String, Object>> discard(@PathVariable long id, @RequestBody Map<String, String> body) {
        String reason = body == null ? null : body.get("reason");
        if (deadLetters.get(id).isEmpty()) {
            return ResponseEntity.notFound().build();
        }
        if (reason == null || reason.isBlank()) {
            return ResponseEntity.badRequest().body(Map.of("error", "a discard needs a reason: {\"reason\": \"...\"}"));
        }
        return deadLetters.discard(id, reason) ? ResponseEntity.ok(Map.of("id", id, "status", "discarded"))
                : ResponseEntity.status(409).body(Map.of("error", "dead letter " + id + " is not open"));
    }
}
