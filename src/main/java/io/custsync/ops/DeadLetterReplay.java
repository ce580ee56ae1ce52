package io.custsync.ops;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.custsync.store.QueryCatalogue;
import io.custsync.sync.JsonRecord;
import io.custsync.sync.Replayable;
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
import java.util.stream.Collectors;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Lists, shows, replays and discards dead letters. A replay runs the kept record through its flow's mapping
 * and write again (after the operator fixed the cause: a mapping, a customer, a bad value at the source);
 * success marks it replayed, failure keeps it open with the new reason.
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

    public DeadLetterReplay(NamedParameterJdbcTemplate jdbc, QueryCatalogue queries, TransactionTemplate transactions,
                            SyncRuns runs, List<Replayable> replayers, ObjectMapper json) {
        this.jdbc = jdbc;
        this.queries = queries;
        this.transactions = transactions;
        this.runs = runs;
        this.replayers = replayers.stream().collect(Collectors.toMap(Replayable::flow, Function.identity()));
        this.json = json;
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
        Replayable replayer = replayers.get(flow);
        if (replayer == null) {
            return new Result(id, false, "flow " + flow + " has no replay");
        }
        SyncRun run = runs.beginOutsideRoute(flow);
        try {
            JsonNode record = json.readTree((byte[]) letter.get("payload"));
            if (record instanceof com.fasterxml.jackson.databind.node.ObjectNode object) {
                object.remove(JsonRecord.INVALID_TEXT); // an operator's replay accepts the U+FFFD in place of the bad bytes
            }
            transactions.executeWithoutResult(status -> {
                run.read(1);
                replayer.replay(run, record);
                run.written(1);
                jdbc.update(queries.sql("dead-letter-replayed"), new MapSqlParameterSource("id", id));
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
