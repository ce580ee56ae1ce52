package io.custsync.intercom;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/** {@code sync.intercom.*}: how to reach the Intercom workspace and how politely. */
@ConfigurationProperties("sync.intercom")
public class IntercomProperties {

    /** The workspace's access token (INTERCOM_ACCESS_TOKEN); empty → the in-process sandbox is used. */
    private String accessToken = "";
    /** us, eu or au (INTERCOM_REGION). */
    private String region = "us";
    /** Explicit base URL (INTERCOM_BASE_URL): a standalone sandbox, a proxy. Wins over the region. */
    private String baseUrl = "";
    /** Records per page for list and search calls (Intercom's maximum is 150). */
    private int pageSize = 150;
    /** Calls kept in reserve in each 10-second window, for other clients of the same app. */
    private int rateLimitReserve = 0;
    /** Attempts for a call that fails with a 5xx, a timeout, a reset connection or a malformed body. */
    private int maxAttempts = 6;
    /** First retry delay; doubles each attempt, with jitter. */
    private Duration retryDelay = Duration.ofSeconds(1);
    /** A 429 is retried after the window resets, up to this many times. */
    private int maxRateLimitWaits = 30;
    /**
     * The longest any call waits for a rate-limit window to reset; a 429 whose X-RateLimit-Reset is further away is
     * a transient error (retried with backoff, then the run fails), never a wait that holds every flow.
     */
    private Duration rateLimitMaxWait = Duration.ofSeconds(60);
    /** While another companies scroll is open (scroll_exists), wait this long between tries ... */
    private Duration scrollBusyWait = Duration.ofSeconds(10);
    /** ... this many times (an idle scroll expires after a minute). */
    private int maxScrollBusyWaits = 9;
    /** How often a failed companies scroll is started again from the beginning in one run. */
    private int maxScrollRestarts = 3;
    private Duration connectTimeout = Duration.ofSeconds(10);
    private Duration responseTimeout = Duration.ofSeconds(60);
    /** The in-process sandbox used when no access token is set. */
    private final Sandbox sandbox = new Sandbox();

    public static class Sandbox {
        private long seed = 42;
        private int companies = 60;
        private int contacts = 300;
        private int conversations = 120;
        private int tickets = 40;
        /** An idle companies scroll expires after this (Intercom: a minute). */
        private long scrollExpirySeconds = 60;
        /** Calls per 10-second window, as Intercom's default app limit (10,000 a minute). */
        private int rateLimitPer10s = 1666;

        public long getSeed() { return seed; }
        public void setSeed(long seed) { this.seed = seed; }
        public int getCompanies() { return companies; }
        public void setCompanies(int companies) { this.companies = companies; }
        public int getContacts() { return contacts; }
        public void setContacts(int contacts) { this.contacts = contacts; }
        public int getConversations() { return conversations; }
        public void setConversations(int conversations) { this.conversations = conversations; }
        public int getTickets() { return tickets; }
        public void setTickets(int tickets) { this.tickets = tickets; }
        public long getScrollExpirySeconds() { return scrollExpirySeconds; }
        public void setScrollExpirySeconds(long scrollExpirySeconds) { this.scrollExpirySeconds = scrollExpirySeconds; }
        public int getRateLimitPer10s() { return rateLimitPer10s; }
        public void setRateLimitPer10s(int rateLimitPer10s) { this.rateLimitPer10s = rateLimitPer10s; }
    }

    public String getAccessToken() { return accessToken; }
    public void setAccessToken(String accessToken) { this.accessToken = accessToken; }
    public String getRegion() { return region; }
    public void setRegion(String region) { this.region = region; }
    public String getBaseUrl() { return baseUrl; }
    public void setBaseUrl(String baseUrl) { this.baseUrl = baseUrl; }
    public int getPageSize() { return pageSize; }
    public void setPageSize(int pageSize) { this.pageSize = pageSize; }
    public int getRateLimitReserve() { return rateLimitReserve; }
    public void setRateLimitReserve(int rateLimitReserve) { this.rateLimitReserve = rateLimitReserve; }
    public int getMaxAttempts() { return maxAttempts; }
    public void setMaxAttempts(int maxAttempts) { this.maxAttempts = maxAttempts; }
    public Duration getRetryDelay() { return retryDelay; }
    public void setRetryDelay(Duration retryDelay) { this.retryDelay = retryDelay; }
    public int getMaxRateLimitWaits() { return maxRateLimitWaits; }
    public void setMaxRateLimitWaits(int maxRateLimitWaits) { this.maxRateLimitWaits = maxRateLimitWaits; }
    public Duration getRateLimitMaxWait() { return rateLimitMaxWait; }
    public void setRateLimitMaxWait(Duration rateLimitMaxWait) { this.rateLimitMaxWait = rateLimitMaxWait; }
    public Duration getScrollBusyWait() { return scrollBusyWait; }
    public void setScrollBusyWait(Duration scrollBusyWait) { this.scrollBusyWait = scrollBusyWait; }
    public int getMaxScrollBusyWaits() { return maxScrollBusyWaits; }
    public void setMaxScrollBusyWaits(int maxScrollBusyWaits) { this.maxScrollBusyWaits = maxScrollBusyWaits; }
    public int getMaxScrollRestarts() { return maxScrollRestarts; }
    public void setMaxScrollRestarts(int maxScrollRestarts) { this.maxScrollRestarts = maxScrollRestarts; }
    public Duration getConnectTimeout() { return connectTimeout; }
    public void setConnectTimeout(Duration connectTimeout) { this.connectTimeout = connectTimeout; }
    public Duration getResponseTimeout() { return responseTimeout; }
    public void setResponseTimeout(Duration responseTimeout) { this.responseTimeout = responseTimeout; }
    public Sandbox getSandbox() { return sandbox; }
}
