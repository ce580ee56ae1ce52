package io.custsync.ops;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.custsync.store.DeadLetterStore;
import io.custsync.store.DeadLetterStore.Letter;
import io.custsync.store.SyncRunStore;
import io.custsync.sync.JsonRecord;
import io.custsync.sync.Replayable;
import io.custsync.sync.RunRequest;
import io.custsync.sync.SyncRun;
import io.custsync.sync.SyncRuns;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import io.custsync.sync.Flow;
import java.time.Duration;
import org.springframework.beans.factory.annotation.Value;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Lists, shows, replays and discards dead letters. A replay (after the operator fixed the cause: a mapping, a
 * customer, a bad value at the source, a rule in the target system) goes through the flow again; success marks
 * the letter replayed, failure keeps it open with the new reason and one more attempt.
 * <ul>
 * <li>A read's letter: the kept record through the flow's mapping and store write ({@link Replayable}).</li>
 * <li>A push's letter: a run of the flow's own route that pushes the letter's local row again, alone, as it is
 *     now (its lookups, two-way check, write and ledger, exactly as a run would), though it was refused before.
 *     Not the kept payload: that would send values the store may have changed since.</li>
 * </ul>
 */
@Component
public class DeadLetterReplay {

    /** How a replay of one dead letter ended. */
    public record Result(long id, boolean replayed, String error) {}

    private final DeadLetterStore letters;
    private final SyncRunStore history;
    private final TransactionTemplate transactions;
    private final SyncRuns runs;
    private final Map<Flow, Replayable> replayers;
    private final ObjectMapper json;
    private final FlowTrigger triggers;
    private final Duration pushReplayTimeout;

    public DeadLetterReplay(DeadLetterStore letters, SyncRunStore history, TransactionTemplate transactions,
                            SyncRuns runs, List<Replayable> replayers, ObjectMapper json, FlowTrigger triggers,
                            @Value("${sync.dead-letters.push-replay-timeout:10m}") Duration pushReplayTimeout) {
        this.letters = letters;
        this.history = history;
        this.transactions = transactions;
        this.runs = runs;
        this.replayers = replayers.stream().collect(Collectors.toMap(Replayable::flow, Function.identity()));
        this.json = json;
        this.triggers = triggers;
        this.pushReplayTimeout = pushReplayTimeout;
    }

    public List<Map<String, Object>> list(String flow, String object, String error, String status, int limit) {
        return letters.list(flow, object, error, status, Math.min(Math.max(limit, 1), 1000)).stream().map(l -> view(l, false)).toList();
    }

    /** One dead letter with its payload: as text when it is valid UTF-8, else base64 (it is kept byte for byte). */
    public Optional<Map<String, Object>> get(long id) {
        return letters.get(id).map(found -> {
            Map<String, Object> letter = view(found, true);
            byte[] payload = found.payload();
            String text = utf8(payload);
            letter.put("payloadEncoding", text != null ? "utf-8" : "base64");
            letter.put("payload", text != null ? text : payload == null ? null : Base64.getEncoder().encodeToString(payload));
            return letter;
        });
    }

    /** A letter as the API shows it: its columns by name (times as the API has always written them). */
    private static Map<String, Object> view(Letter l, boolean whole) {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("id", l.id());
        v.put("flow", l.flow());
        v.put("object", l.object());
        v.put("external_id", l.externalId());
        v.put("local_id", l.localId());
        v.put("run_id", l.runId());
        if (whole) {
            v.put("content_type", l.contentType());
        }
        v.put("error_code", l.errorCode());
        v.put("error_message", l.errorMessage());
        v.put("status", l.status());
        v.put("attempts", l.attempts());
        v.put("discard_reason", l.discardReason());
        v.put("created_at", date(l.createdAt()));
        v.put("last_attempt_at", date(l.lastAttemptAt()));
        v.put("resolved_at", date(l.resolvedAt()));
        v.put("resolved_run_id", l.resolvedRunId());
        if (whole) {
            v.put("record_version", l.recordVersion());
        }
        return v;
    }

    private static Date date(Instant instant) {
        return instant == null ? null : Date.from(instant);
    }

    public Result replay(long id) {
        Letter letter = letters.get(id).orElseThrow(() -> new IllegalArgumentException("no dead letter " + id));
        if (!"open".equals(letter.status())) {
            return new Result(id, false, "dead letter " + id + " is " + letter.status() + ", not open");
        }
        String flow = letter.flow();
        if (Flow.byId(flow).map(f -> f.direction() == Flow.Direction.OUT).orElse(false)) {
            return replayPush(id, flow, letter.localId());
        }
        Replayable replayer = Flow.byId(flow).map(replayers::get).orElse(null);
        if (replayer == null) {
            return new Result(id, false, "flow " + flow + " has no replay");
        }
        SyncRun run = runs.beginOutsideRoute(flow, id);
        try {
            JsonNode record = json.readTree(letter.payload());
            if (record instanceof com.fasterxml.jackson.databind.node.ObjectNode object) {
                object.remove(JsonRecord.INVALID_TEXT); // an operator's replay accepts the U+FFFD in place of the bad bytes
            }
            transactions.executeWithoutResult(status -> {
                run.read(1);
                replayer.replay(run, record);
                run.written(1);
                letters.replayed(id, run.id());
            });
            runs.end(run, true, "replay of dead letter " + id);
            return new Result(id, true, null);
        } catch (Exception e) {
            String reason = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            letters.failedAgain(id, "replay_failed", reason);
            runs.end(run, false, "replay of dead letter " + id + " failed: " + reason);
            return new Result(id, false, reason);
        }
    }

    /**
     * Fires a run of the push flow that sends the letter's local row again and waits for it: the letter it
     * resolves was replayed; one it refuses again stays open with Salesforce's or Intercom's new reason.
     */
    private Result replayPush(long id, String flow, Long localId) {
        if (localId == null) {
            return new Result(id, false, "dead letter " + id + " does not name its local record (it was kept by an earlier "
                    + "version): discard it; the record's next change is pushed again");
        }
        long before = history.lastRunId(flow);
        if (!triggers.fireReplay(flow, new RunRequest.Replay(id, localId))) {
            return new Result(id, false, "the route of " + flow + " is not running (its mode disables it, or it was stopped)");
        }
        Instant deadline = Instant.now().plus(pushReplayTimeout);
        while (true) {
            Optional<SyncRunStore.Ended> ended = history.replayRunEnded(flow, before, id);
            if (ended.isPresent()) {
                SyncRunStore.Ended run = ended.get();
                if (letters.resolvedByReplay(id, run.id())) {
                    return new Result(id, true, null);
                }
                Letter now = letters.get(id).orElseThrow();
                boolean refusedAgain = "succeeded".equals(run.outcome()) && "open".equals(now.status());
                return new Result(id, false, refusedAgain ? now.errorMessage()
                        : "replay run " + run.id() + " " + run.outcome() + ": " + run.message());
            }
            if (Instant.now().isAfter(deadline)) {
                return new Result(id, false, "the replay run of " + flow + " has not ended yet; look at dead letter " + id + " later");
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return new Result(id, false, "interrupted while waiting for the replay run");
            }
        }
    }

    public List<Result> replayAll(String flow) {
        return letters.openIds(flow).stream().map(this::replay).toList();
    }

    public boolean discard(long id, String reason) {
        return letters.discard(id, reason);
    }

    private static String utf8(byte[] bytes) {
        if (bytes == null) {
            return null;
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }
}
