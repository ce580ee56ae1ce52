package io.custsync.sandbox.common;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The control routes every simulator has, under {@code /_sandbox/}: its clock, its faults and its counters.
 * <ul>
 * <li>{@code GET /_sandbox/clock}; {@code POST /_sandbox/clock {"set":…,"advance":…,"frozen":true|false}}: "set" is
 * UNIX seconds or an ISO-8601 instant, "advance" seconds (fractions too) or an ISO-8601 duration; both answer
 * {@code {"now":…}} in the service's own time format.</li>
 * <li>{@code POST /_sandbox/faults} (a rule, see {@link Faults.Rule#fromJson}); {@code DELETE /_sandbox/faults}.</li>
 * <li>{@code GET /_sandbox/counters}; {@code DELETE /_sandbox/counters}.</li>
 * </ul>
 * Changes answer {@code {"ok":true}}.
 */
public final class ControlRoutes {

    private static final ObjectMapper JSON = new ObjectMapper();

    private ControlRoutes() {
    }

    /**
     * @param time     a moment in the service's own format (UNIX seconds, or a datetime text)
     * @param counters what the simulator counted, as JSON-ready values
     */
    public static void register(SandboxRouter control, SandboxClock clock, Function<Instant, Object> time, Faults faults,
                                Supplier<Map<String, ?>> counters, Runnable resetCounters) {
        control.add("GET", "/_sandbox/clock", req -> SandboxResponse.json(200, Map.of("now", time.apply(clock.now()))));
        control.add("POST", "/_sandbox/clock", req -> {
            JsonNode b = body(req);
            if (b.hasNonNull("set")) {
                JsonNode set = b.get("set");
                clock.set(set.isNumber() ? Instant.ofEpochSecond(set.asLong()) : Instant.parse(set.asText()));
            }
            if (b.hasNonNull("advance")) {
                JsonNode by = b.get("advance");
                clock.advance(by.isNumber() ? Duration.ofMillis(Math.round(by.asDouble() * 1000)) : Duration.parse(by.asText()));
            }
            if (b.hasNonNull("frozen")) {
                if (b.get("frozen").asBoolean()) {
                    clock.freeze();
                } else {
                    clock.unfreeze();
                }
            }
            return SandboxResponse.json(200, Map.of("now", time.apply(clock.now())));
        });
        control.add("POST", "/_sandbox/faults", req -> {
            faults.add(Faults.Rule.fromJson(body(req)));
            return ok();
        });
        control.add("DELETE", "/_sandbox/faults", req -> {
            faults.clear();
            return ok();
        });
        control.add("GET", "/_sandbox/counters", req -> SandboxResponse.json(200, counters.get()));
        control.add("DELETE", "/_sandbox/counters", req -> {
            resetCounters.run();
            return ok();
        });
    }

    public static SandboxResponse ok() {
        return SandboxResponse.json(200, Map.of("ok", true));
    }

    /** A control request's JSON body; an empty body is an empty object. */
    private static JsonNode body(SandboxRequest req) {
        if (req.body().length == 0) {
            return JSON.createObjectNode();
        }
        try {
            return JSON.readTree(req.body());
        } catch (IOException e) {
            throw new IllegalArgumentException("the body is not JSON: " + e.getMessage().split("\n")[0]);
        }
    }
}
