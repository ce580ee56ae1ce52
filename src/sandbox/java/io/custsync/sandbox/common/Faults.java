package io.custsync.sandbox.common;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;

/**
 * Injected failures for a simulator's API ({@link SandboxServer} applies them): an HTTP status (with the simulated
 * service's own error body), latency, a truncated or malformed JSON body, or a connection reset (closed without a
 * response); or a change of data made just before a request is served. A rule fires on the Nth matching request, on
 * the next K, or with a probability (seeded, so runs repeat); a rule that says none of these fires once.
 */
public final class Faults {

    public enum Kind {
        /** The simulator's error answer for a status; the request is not served. */
        STATUS,
        /** A delay, then the request goes on. */
        LATENCY,
        /** The request is served, and its answer's body cut in half. */
        TRUNCATE,
        /** A 200 whose JSON body breaks off; the request is not served. */
        MALFORMED,
        /** The connection closes without a response; the request is not served. */
        RESET,
        /** A change of data ({@link Rule#action}), then the request goes on. */
        ACTION
    }

    /** One rule. Build with {@link #on(String, String)}. */
    public static final class Rule {
        private final String method;
        private final String pattern;
        private final Pattern path;
        private Kind kind = Kind.STATUS;
        private int status = 500;
        private long latencyMillis;
        private Runnable action;
        private final Map<String, String> headers = new LinkedHashMap<>();
        private int nth;
        private int times = -1;
        private double probability = -1;
        private int seen;
        private final AtomicInteger fired = new AtomicInteger();

        private Rule(String method, String pathPattern) {
            this.method = method == null || method.isEmpty() ? "*" : method.toUpperCase(Locale.ROOT);
            this.pattern = pathPattern == null ? "**" : pathPattern;
            this.path = compile(pattern);
        }

        /**
         * "regex:…" and "glob:…" force the syntax; otherwise anything with regex syntax is a regex, else a glob
         * ({@code *} = one path segment, {@code **} = anything).
         */
        static Pattern compile(String p) {
            if (p.startsWith("regex:")) {
                return Pattern.compile(p.substring(6));
            }
            if (p.startsWith("glob:")) {
                return glob(p.substring(5));
            }
            return p.matches(".*(\\.\\*|[\\\\\\[\\](){}|+?^$]).*") ? Pattern.compile(p) : glob(p);
        }

        private static Pattern glob(String g) {
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < g.length(); i++) {
                char c = g.charAt(i);
                if (c == '*' && i + 1 < g.length() && g.charAt(i + 1) == '*') {
                    sb.append(".*");
                    i++;
                } else if (c == '*') {
                    sb.append("[^/]*");
                } else {
                    sb.append(Pattern.quote(String.valueOf(c)));
                }
            }
            return Pattern.compile(sb.toString());
        }

        public Rule status(int code) { kind = Kind.STATUS; status = code; return this; }
        public Rule latency(long millis) { kind = Kind.LATENCY; latencyMillis = millis; return this; }
        public Rule truncate() { kind = Kind.TRUNCATE; return this; }
        public Rule malformed() { kind = Kind.MALFORMED; return this; }
        public Rule reset() { kind = Kind.RESET; return this; }
        /**
         * No failure: run this (e.g. a change through the simulator's control) just before the request is served, so
         * a test can change data at an exact moment of a client's paging.
         */
        public Rule action(Runnable change) { kind = Kind.ACTION; action = change; return this; }
        /**
         * The answer says this header so, whatever the simulator would say: e.g. an {@code X-RateLimit-Reset} a year
         * away, since a header documented only as "when the window resets" must not be trusted blindly.
         */
        public Rule header(String name, String value) { headers.put(name, value); return this; }
        /** Fire only on the Nth matching request (1-based) after the rule was added. */
        public Rule nth(int n) { nth = n; return this; }
        /** Fire on the next K matching requests. */
        public Rule times(int k) { times = k; return this; }
        /** Fire on each matching request with this probability (combinable with {@link #times}). */
        public Rule probability(double p) { probability = p; return this; }

        public Kind kind() { return kind; }
        public int status() { return status; }
        public long latencyMillis() { return latencyMillis; }
        Runnable action() { return action; }
        Map<String, String> headers() { return headers; }
        /** The path pattern as given. */
        public String pattern() { return pattern; }
        /** How often it fired so far. */
        public int fired() { return fired.get(); }

        boolean matches(String m, String p) {
            return (method.equals("*") || method.equals(m)) && path.matcher(p).matches();
        }

        /**
         * The control API's form: {@code {"method":"GET","path":"/contacts*","kind":"status|latency|truncate|malformed|reset",
         * "status":503,"latency_ms":200,"nth":3,"times":2,"probability":0.1,"headers":{"X-RateLimit-Reset":"1900000000"}}}.
         */
        static Rule fromJson(JsonNode b) {
            Rule rule = on(b.path("method").asText(null), b.path("path").asText("**"));
            switch (b.path("kind").asText("status").toLowerCase(Locale.ROOT)) {
                case "status" -> rule.status(b.path("status").asInt(500));
                case "latency" -> rule.latency(b.path("latency_ms").asLong(1000));
                case "truncate" -> rule.truncate();
                case "malformed" -> rule.malformed();
                case "reset" -> rule.reset();
                default -> throw new IllegalArgumentException("kind must be status, latency, truncate, malformed or reset");
            }
            if (b.hasNonNull("nth")) {
                rule.nth(b.get("nth").asInt());
            }
            if (b.hasNonNull("times")) {
                rule.times(b.get("times").asInt());
            }
            if (b.hasNonNull("probability")) {
                rule.probability(b.get("probability").asDouble());
            }
            b.path("headers").fields().forEachRemaining(h -> rule.header(h.getKey(), h.getValue().asText()));
            return rule;
        }
    }

    /** A rule for requests of {@code method} ("*" or null: any) whose path matches {@code pathPattern}. */
    public static Rule on(String method, String pathPattern) {
        return new Rule(method, pathPattern);
    }

    private final List<Rule> rules = new CopyOnWriteArrayList<>();
    private final Random random;

    public Faults(long seed) {
        this.random = new Random(seed);
    }

    public Rule add(Rule r) {
        if (r.nth <= 0 && r.times < 0 && r.probability < 0) {
            r.times = 1;
        }
        rules.add(r);
        return r;
    }

    public void clear() {
        rules.clear();
    }

    public List<Rule> rules() {
        return List.copyOf(rules);
    }

    /** The rules that fire for this request, in the order they were added (counting it as seen by every matching rule). */
    synchronized List<Rule> fire(String method, String path) {
        List<Rule> out = new ArrayList<>();
        for (Rule r : rules) {
            if (!r.matches(method, path)) {
                continue;
            }
            r.seen++;
            boolean fires;
            if (r.nth > 0) {
                fires = r.seen == r.nth;
            } else {
                fires = r.times != 0 && (r.probability < 0 || random.nextDouble() < r.probability);
            }
            if (fires) {
                if (r.times > 0) {
                    r.times--;
                }
                r.fired.incrementAndGet();
                out.add(r);
            }
        }
        return out;
    }
}
