package io.custsync.sandbox.salesforce;

import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;

/**
 * Injected failures for requests whose path matches a glob ({@code *} = any characters): an HTTP status
 * with a Salesforce error body, added latency, a truncated JSON body, or a connection closed without an
 * answer; or a change of data made just before a request. A rule fires on its Nth matching request, or on the next K, optionally with a probability.
 * Faulted requests are answered before authentication and do not count against the API limit.
 */
public final class Faults {

    public enum Kind { STATUS, LATENCY, MALFORMED_JSON, CONNECTION_RESET, ACTION }

    /** One fault; build with the static factories, then narrow with the fluent methods. */
    public static final class Rule {
        private final Kind kind;
        private final int status;
        private final long latencyMillis;
        private Runnable action;
        private String pathGlob = "/services/*";
        private Pattern path = glob(pathGlob);
        private String method;
        private int nth;
        private int times = -1;
        private double probability = 1.0;
        private final AtomicInteger seen = new AtomicInteger();
        private final AtomicInteger fired = new AtomicInteger();

        private Rule(Kind kind, int status, long latencyMillis) {
            this.kind = kind;
            this.status = status;
            this.latencyMillis = latencyMillis;
        }

        /** Answer with this status (500 and 503 get Salesforce's error bodies). */
        public static Rule status(int status) {
            return new Rule(Kind.STATUS, status, 0);
        }

        public static Rule latency(long millis) {
            return new Rule(Kind.LATENCY, 0, millis);
        }

        /** A 200 whose JSON body is cut off mid-way. */
        public static Rule malformedJson() {
            return new Rule(Kind.MALFORMED_JSON, 200, 0);
        }

        /**
         * No failure: run this (e.g. a change through {@link SandboxControl}) just before the request is served, so a
         * test can change data at an exact moment of a client's paging.
         */
        public static Rule action(Runnable change) {
            Rule rule = new Rule(Kind.ACTION, 0, 0);
            rule.action = change;
            return rule;
        }

        /** Close the connection without sending a response. */
        public static Rule connectionReset() {
            return new Rule(Kind.CONNECTION_RESET, 0, 0);
        }

        /** Path glob, e.g. {@code /services/data/* /query*} (without the space); default {@code /services/*}. */
        public Rule path(String glob) {
            this.pathGlob = glob;
            this.path = glob(glob);
            return this;
        }

        public Rule method(String method) {
            this.method = method == null ? null : method.toUpperCase(Locale.ROOT);
            return this;
        }

        /** Fire only on the Nth matching request (1-based). */
        public Rule onNth(int n) {
            this.nth = n;
            this.times = 1;
            return this;
        }

        /** Fire on the next K matching requests (default: every one). */
        public Rule times(int k) {
            this.times = k;
            return this;
        }

        public Rule probability(double p) {
            this.probability = p;
            return this;
        }

        public Kind kind() {
            return kind;
        }

        public int status() {
            return status;
        }

        public long latencyMillis() {
            return latencyMillis;
        }

        public String pathGlob() {
            return pathGlob;
        }

        public int fired() {
            return fired.get();
        }

        private static Pattern glob(String glob) {
            StringBuilder re = new StringBuilder();
            for (String part : glob.split("\\*", -1)) {
                if (re.length() > 0) {
                    re.append(".*");
                }
                re.append(Pattern.quote(part));
            }
            return Pattern.compile(re.toString());
        }

        private boolean matches(String m, String p) {
            return (method == null || method.equals(m)) && path.matcher(p).matches();
        }
    }

    private final List<Rule> rules = new CopyOnWriteArrayList<>();
    private final Random random;

    Faults(long seed) {
        this.random = new Random(seed);
    }

    public void add(Rule rule) {
        rules.add(rule);
    }

    public void clear() {
        rules.clear();
    }

    List<Rule> rules() {
        return List.copyOf(rules);
    }

    /**
     * Sleeps for every firing latency rule, runs every firing action, and returns the first firing terminal rule (status, malformed,
     * reset), or null when the request should be served normally.
     */
    Rule apply(String method, String path) throws InterruptedException {
        Rule terminal = null;
        for (Rule r : rules) {
            if (!r.matches(method, path)) {
                continue;
            }
            int n = r.seen.incrementAndGet();
            boolean fire;
            synchronized (r) {
                fire = (r.nth == 0 || n == r.nth) && r.times != 0 && random.nextDouble() < r.probability;
                if (fire && r.times > 0) {
                    r.times--;
                }
            }
            if (!fire) {
                continue;
            }
            r.fired.incrementAndGet();
            if (r.kind == Kind.LATENCY) {
                Thread.sleep(r.latencyMillis);
            } else if (r.kind == Kind.ACTION) {
                r.action.run();
            } else if (terminal == null) {
                terminal = r;
            }
        }
        return terminal;
    }
}
