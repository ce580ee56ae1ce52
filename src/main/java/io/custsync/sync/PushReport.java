package io.custsync.sync;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * What an output run did (or, in a dry run, would do): a count per action and the first few records of each.
 * The same for every output flow, Intercom and Salesforce alike; kept in {@code sync_runs.report}.
 */
public final class PushReport {

    static final int SAMPLES = 5;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Map<String, Long> counts = new LinkedHashMap<>();
    private final Map<String, List<String>> samples = new LinkedHashMap<>();

    public synchronized void count(PushAction action, String record) {
        counts.merge(action.word(), 1L, Long::sum);
        List<String> list = samples.computeIfAbsent(action.word(), a -> new ArrayList<>());
        if (record != null && list.size() < SAMPLES) {
            list.add(record);
        }
    }

    public synchronized long count(PushAction action) {
        return counts.getOrDefault(action.word(), 0L);
    }

    public synchronized Map<String, Long> counts() {
        return Map.copyOf(counts);
    }

    public synchronized boolean isEmpty() {
        return counts.isEmpty();
    }

    /** One line for sync_runs.message and the log: {@code update=3 unchanged=37 skipped-no-company=2}. */
    public synchronized String summary() {
        return counts.isEmpty() ? "nothing to push"
                : counts.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(" "));
    }

    /** {@code {"counts":{"update":3,…},"samples":{"update":["…"],…}}}: sync_runs.report. */
    public synchronized String json() {
        ObjectNode root = JSON.createObjectNode();
        ObjectNode c = root.putObject("counts");
        counts.forEach(c::put);
        ObjectNode s = root.putObject("samples");
        samples.forEach((action, list) -> {
            ArrayNode a = s.putArray(action);
            list.forEach(a::add);
        });
        return root.toString();
    }
}
