package io.custsync.ops;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.custsync.store.QueryCatalogue;
import io.custsync.sync.JsonRecord;
import io.custsync.sync.Replayable;
import io.custsync.sync.RunRequest;
import io.custsync.sync.SyncRun;
import io.custsync.sync.SyncRuns;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import io.custsync.mapping.Flow;
import java.time.Duration;
import java.time.Instant;
import org.springframework.beans.factory.annotation.Value;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
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

    private final NamedParameterJdbcTemplate jdbc;
    private final QueryCatalogue queries;
    private final TransactionTemplate transactions;
    private final SyncRuns runs;
    private final Map<String, Replayable> replayers;
    private final ObjectMapper json;
    private final FlowTrigger triggers;
    private final Duration pushReplayTimeout;

    public DeadLetterReplay(NamedParameterJdbcTemplate jdbc, QueryCatalogue queries, TransactionTemplate transactions,
                            SyncRuns runs, List<Replayable> replayers, ObjectMapper json, FlowTrigger triggers,
                            @Value("${sync.dead-letters.push-replay-timeout:10m}") Duration pushReplayTimeout) {
        this.jdbc = jdbc;
        this.queries = queries;
        this.transactions = transactions;
        this.runs = runs;
        this.replayers = replayers.stream().collect(Collectors.toMap(Replayable::flow, Function.identity()));
        this.json = json;
        this.triggers = triggers;
        this.pushReplayTimeout = pushReplayTimeout;
    }

    public List<Map<String, Object>> list(String flow, String object, String error, String status, int limit) {
        return jdbc.queryForList(queries.sql("list-dead-letters"), new MapSqlParameterSource()
                .addValue("flow", flow).addValue("object", object).addValue("error", error)
                .addValue("status", status).addValue("limit", Math.min(Math.max(limit, 1), 1000)));
    }

    /** One dead letter with its payload: as text when it is valid UTF-8, else base64 (it is kept byte for byte). */
    public Optional<Map<String, Object>> get(long id) {
        return jdbc.queryForList(queries.sql("dead-letter"), new MapSqlParameterSource("id", id)).stream().findFirst().map(row -> {
            Map<String, Object> letter = new LinkedHashMap<>(row);
            byte[] payload = (byte[]) letter.remove("payload");
            String text = utf8(payload);
            letter.put("payloadEncoding", text != null ? "utf-8" : "base64");
            letter.put("payload", text != null ? text : payload == null ? null : Base64.getEncoder().encodeToString(payload));
            return letter;
        });
    }

    public Result replay(long id) {
        Map<String, Object> letter = jdbc.queryForList(queries.sql("dead-letter"), new MapSqlParameterSource("id", id))
                .stream().findFirst().orElseThrow(() -> new IllegalArgumentException("no dead letter " + id));
        if (!"open".equals(letter.get("status"))) {
            return new Result(id, false, "dead letter " + id + " is " + letter.get("status") + ", not open");
        }
        String flow = (String) letter.get("flow");
        if (Flow.byId(flow).map(f -> f.direction() == Flow.Direction.OUT).orElse(false)) {
            return replayPush(id, flow, (Number) letter.get("local_id"));
        }
        Replayable replayer = replayers.get(flow);
        if (replayer == null) {
            return new Result(id, false, "flow " + flow + " has no replay");
        }
        SyncRun run = runs.beginOutsideRoute(flow, id);
        try {
            JsonNode record = json.readTree((byte[]) letter.get("payload"));
            if (record instanceof com.fasterxml.jackson.databind.node.ObjectNode object) {
                object.remove(JsonRecord.INVALID_TEXT); // an operator's replay accepts the U+FFFD in place of the bad bytes
            }
            transactions.executeWithoutResult(status -> {
                run.read(1);
                replayer.replay(run, record);
                run.written(1);
                jdbc.update(queries.sql("dead-letter-replayed"), new MapSqlParameterSource("id", id).addValue("runId", run.id()));
            });
            runs.end(run, true, "replay of dead letter " + id);
            return new Result(id, true, null);
        } catch (Exception e) {
            String reason = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            jdbc.update(queries.sql("dead-letter-failed-again"), new MapSqlParameterSource("id", id)
                    .addValue("errorCode", "replay_failed").addValue("errorMessage", reason));
            runs.end(run, false, "replay of dead letter " + id + " failed: " + reason);
            return new Result(id, false, reason);
        }
    }

    /**
     * Fires a run of the push flow that sends the letter's local row again and waits for it: the letter it
     * resolves was replayed; one it refuses again stays open with Salesforce's or Intercom's new reason.
     */
    private Result replayPush(long id, String flow, Number localId) {
        if (localId == null) {
            return new Result(id, false, "dead letter " + id + " does not name its local record (it was kept by an earlier "
                    + "version): discard it; the record's next change is pushed again");
        }
        MapSqlParameterSource params = new MapSqlParameterSource("flow", flow).addValue("letter", id);
        long before = jdbc.queryForObject(queries.sql("last-run-id"), params, Long.class);
        if (!triggers.fireReplay(flow, new RunRequest.Replay(id, localId.longValue()))) {
            return new Result(id, false, "the route of " + flow + " is not running (its mode disables it, or it was stopped)");
        }
        params.addValue("after", before);
        Instant deadline = Instant.now().plus(pushReplayTimeout);
        while (true) {
            List<Map<String, Object>> ended = jdbc.queryForList(queries.sql("replay-run-ended"), params);
            if (!ended.isEmpty()) {
                Map<String, Object> run = ended.get(0);
                if (jdbc.update(queries.sql("dead-letter-resolved-by-replay"), new MapSqlParameterSource("id", id)
                        .addValue("runId", run.get("id"))) == 1) {
                    return new Result(id, true, null);
                }
                Map<String, Object> now = jdbc.queryForMap(queries.sql("dead-letter"), new MapSqlParameterSource("id", id));
                boolean refusedAgain = "succeeded".equals(run.get("outcome")) && "open".equals(now.get("status"));
                return new Result(id, false, refusedAgain ? (String) now.get("error_message")
                        : "replay run " + run.get("id") + " " + run.get("outcome") + ": " + run.get("message"));
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
        return jdbc.queryForList(queries.sql("open-dead-letter-ids-of-flow"), new MapSqlParameterSource("flow", flow), Long.class)
                .stream().map(this::replay).toList();
    }

    public boolean discard(long id, String reason) {
        return jdbc.update(queries.sql("dead-letter-discarded"), new MapSqlParameterSource("id", id).addValue("reason", reason)) == 1;
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
