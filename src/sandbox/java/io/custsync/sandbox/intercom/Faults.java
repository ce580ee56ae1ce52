package io.custsync.sandbox.intercom;

import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Pattern;

/**
 * Injected failures for the public API: an HTTP status (with an Intercom error body), latency, a truncated or malformed
 * JSON body, or a connection reset (socket closed without a response); or a change of data made just before a request. A rule fires on the Nth matching request, on
 * the next K matching requests, or with a probability (seeded, so runs repeat).
 */
public final class Faults {
    public enum Kind { STATUS, LATENCY, TRUNCATE, MALFORMED, RESET, ACTION }

    /** One rule. Build with {@link #on(String, String)}; {@code pathPattern} is a regex, or a glob if it has no regex syntax besides '*'. */
    public static final class Rule {
        final String method;
        final Pattern path;
        Kind kind = Kind.STATUS;
        int status = 500;
        long latencyMs;
        Runnable action;
        int nth;
        int times = -1;
        double probability = -1;
        Long rateLimitReset;
        private int seen;

        private Rule(String method, String pathPattern) {
            this.method = method == null || method.isEmpty() ? "*" : method.toUpperCase(java.util.Locale.ROOT);
            this.path = compile(pathPattern == null ? "*" : pathPattern);
        }

        /** "regex:…" and "glob:…" force the syntax; otherwise anything with regex syntax is a regex, else a glob ("*" = one segment, "**" = any). */
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
        public Rule latency(long millis) { kind = Kind.LATENCY; latencyMs = millis; return this; }
        public Rule truncate() { kind = Kind.TRUNCATE; return this; }
        public Rule malformed() { kind = Kind.MALFORMED; return this; }
        public Rule reset() { kind = Kind.RESET; return this; }
        /**
         * The answer's {@code X-RateLimit-Reset} says this UNIX second instead of the window's end (e.g. a year away):
         * the header is only documented as "when the window resets", so a client must not trust it blindly.
         */
        public Rule rateLimitReset(long epochSecond) { rateLimitReset = epochSecond; return this; }
        /**
         * No failure: run this (e.g. a change through {@link SandboxControl}) just before the request is served, so a
         * test can change data at an exact moment of a client's paging.
         */
        public Rule action(Runnable change) { kind = Kind.ACTION; action = change; return this; }
        /** Fire only on the Nth matching request (1-based) after the rule was added. */
        public Rule nth(int n) { nth = n; return this; }
        /** Fire on the next K matching requests. */
        public Rule times(int k) { times = k; return this; }
        /** Fire on each matching request with this probability (combinable with {@link #times}). */
        public Rule probability(double p) { probability = p; return this; }

        boolean matches(String m, String p) {
            return (method.equals("*") || method.equals(m)) && path.matcher(p).matches();
        }
    }

    public static Rule on(String method, String pathPattern) {
        return new Rule(method, pathPattern);
    }

    private final List<Rule> rules = new CopyOnWriteArrayList<>();
    private final Random random;

    Faults(long seed) {
        this.random = new Random(seed);
    }

    public void add(Rule r) {
        if (r.nth <= 0 && r.times < 0 && r.probability < 0) {
            r.times = 1;
        }
        rules.add(r);
    }

    public void clear() {
        rules.clear();
    }

    /** The rules that fire for this request (counting it as seen for every matching rule). */
    synchronized List<Rule> fire(String method, String path) {
        List<Rule> out = new java.util.ArrayList<>();
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
                out.add(r);
            }
        }
        return out;
    }
}
