package io.custsync.sandbox.intercom;

import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

/**
 * Immutable settings of one sandbox instance. Everything that shapes the generated data (seed, sizes,
 * {@link #dataEndEpoch}) is here so two sandboxes with equal settings serve byte-identical data.
 */
public final class IntercomSettings {
    public final long seed;
    public final int admins;
    public final long companies;
    public final long contacts;
    public final long conversations;
    public final long tickets;
    /** Requests allowed per app per 10-second window; 0 or negative switches the limiter off. */
    public final int rateLimitPer10s;
    public final ZoneId timezone;
    public final List<String> tokens;
    public final int port;
    /** Interface to listen on; 127.0.0.1 by default, 0.0.0.0 to serve other hosts/containers. */
    public final String bindAddress;
    /** Sandbox clock start (UNIX seconds); null = real time. */
    public final Long clockStartEpoch;
    /** Generated timestamps end here (UNIX seconds) and reach back {@link #dataSpanSeconds}. */
    public final long dataEndEpoch;
    public final long dataSpanSeconds;
    /** Idle time after which the companies scroll expires, measured on the sandbox clock. */
    public final long scrollExpirySeconds;
    /** Real Intercom answers 406 when Accept is missing or not JSON-compatible. */
    public final boolean strictAccept;
    /**
     * Seconds after a change before search sees it (Intercom: a new contact may take "a few minutes"; the sandbox
     * applies it to every change of contacts, conversations and tickets); 0 = immediately. Reproduces
     * search-then-create races that end in 409 conflict, and tests that the flows' look-back covers the lag.
     */
    public final long searchLagSeconds;
    public final int threads;

    private IntercomSettings(Builder b) {
        this.seed = b.seed;
        this.admins = b.admins;
        this.companies = b.companies;
        this.contacts = b.contacts;
        this.conversations = b.conversations;
        this.tickets = b.tickets;
        this.rateLimitPer10s = b.rateLimitPer10s;
        this.timezone = b.timezone;
        this.tokens = List.copyOf(b.tokens.isEmpty() ? List.of(DEFAULT_TOKEN) : b.tokens);
        this.port = b.port;
        this.bindAddress = b.bindAddress;
        this.clockStartEpoch = b.clockStartEpoch;
        long end = b.dataEndEpoch != null ? b.dataEndEpoch
                : (b.clockStartEpoch != null ? b.clockStartEpoch : System.currentTimeMillis() / 1000L);
        this.dataEndEpoch = end - Math.floorMod(end, 3600L); // whole hour: stable within a run
        this.dataSpanSeconds = b.dataSpanSeconds;
        this.scrollExpirySeconds = b.scrollExpirySeconds;
        this.strictAccept = b.strictAccept;
        this.searchLagSeconds = b.searchLagSeconds;
        this.threads = b.threads;
    }

    public static final String DEFAULT_TOKEN = "sandbox-token";

    public static Builder builder() {
        return new Builder();
    }

    public static final class Builder {
        private long seed = 42L;
        private int admins = 5;
        private long companies = 50;
        private long contacts = 200;
        private long conversations = 100;
        private long tickets = 30;
        private int rateLimitPer10s = 1666;
        private ZoneId timezone = ZoneId.of("America/New_York");
        private final List<String> tokens = new ArrayList<>();
        private int port = 0;
        private String bindAddress = "127.0.0.1";
        private Long clockStartEpoch;
        private Long dataEndEpoch;
        private long dataSpanSeconds = 2L * 365 * 86400;
        private long scrollExpirySeconds = 60;
        private boolean strictAccept = true;
        private long searchLagSeconds = 0;
        private int threads = 8;

        public Builder seed(long v) { seed = v; return this; }
        public Builder admins(int v) { admins = Math.max(1, v); return this; }
        public Builder companies(long v) { companies = v; return this; }
        public Builder contacts(long v) { contacts = v; return this; }
        public Builder conversations(long v) { conversations = v; return this; }
        public Builder tickets(long v) { tickets = v; return this; }
        public Builder rateLimitPer10s(int v) { rateLimitPer10s = v; return this; }
        public Builder timezone(String v) { timezone = ZoneId.of(v); return this; }
        public Builder token(String v) { tokens.add(v); return this; }
        public Builder port(int v) { port = v; return this; }
        public Builder bindAddress(String v) { bindAddress = v; return this; }
        public Builder clockStartEpoch(long v) { clockStartEpoch = v; return this; }
        public Builder dataEndEpoch(long v) { dataEndEpoch = v; return this; }
        public Builder dataSpanSeconds(long v) { dataSpanSeconds = Math.max(3600, v); return this; }
        public Builder scrollExpirySeconds(long v) { scrollExpirySeconds = v; return this; }
        public Builder strictAccept(boolean v) { strictAccept = v; return this; }
        public Builder searchLagSeconds(long v) { searchLagSeconds = Math.max(0, v); return this; }
        public Builder threads(int v) { threads = Math.max(1, v); return this; }

        public IntercomSettings build() {
            return new IntercomSettings(this);
        }
    }
}
