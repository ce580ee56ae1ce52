package io.custsync.sandbox.salesforce;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * Everything that shapes a sandbox org. Defaults are small and test-friendly; the credentials are the
 * ones the service's sandbox mode hands to camel-salesforce.
 */
public final class SalesforceSettings {

    /**
     * API versions served by default: 31.0 (the oldest Salesforce still serves since versions 21-30 were
     * retired) to 64.0 (Summer '25). camel-salesforce 4.17 uses 56.0 unless told otherwise.
     */
    public static final List<String> DEFAULT_API_VERSIONS = java.util.stream.IntStream.rangeClosed(31, 64)
            .mapToObj(v -> v + ".0").toList();

    private long seed = 42L;
    private int users = 5;
    private int accounts = 40;
    private int contacts = 120;
    private List<String> apiVersions = DEFAULT_API_VERSIONS;
    private long dailyApiRequestLimit = 100_000L;
    private String host = "127.0.0.1";
    private int port = 0;
    private String clientId = "sandbox-client-id";
    private String clientSecret = "sandbox-client-secret";
    private String refreshToken = "sandbox-refresh-token";
    private String username = "integration@custsync-sandbox.example.com";
    private String password = "sandbox-password";
    private Instant clockStart;
    private boolean clockFrozen;
    private Duration sessionTimeout = Duration.ofHours(2);
    private int queryBatchSize = 2000;

    public long seed() {
        return seed;
    }

    public SalesforceSettings seed(long seed) {
        this.seed = seed;
        return this;
    }

    public int users() {
        return users;
    }

    /** Number of seeded users; user 0 is the integration user that logs in. */
    public SalesforceSettings users(int users) {
        if (users < 1) {
            throw new IllegalArgumentException("at least the integration user is needed");
        }
        this.users = users;
        return this;
    }

    public int accounts() {
        return accounts;
    }

    public SalesforceSettings accounts(int accounts) {
        this.accounts = accounts;
        return this;
    }

    public int contacts() {
        return contacts;
    }

    public SalesforceSettings contacts(int contacts) {
        this.contacts = contacts;
        return this;
    }

    public List<String> apiVersions() {
        return apiVersions;
    }

    public SalesforceSettings apiVersions(List<String> apiVersions) {
        this.apiVersions = List.copyOf(apiVersions);
        return this;
    }

    public long dailyApiRequestLimit() {
        return dailyApiRequestLimit;
    }

    public SalesforceSettings dailyApiRequestLimit(long limit) {
        this.dailyApiRequestLimit = limit;
        return this;
    }

    public String host() {
        return host;
    }

    public SalesforceSettings host(String host) {
        this.host = host;
        return this;
    }

    public int port() {
        return port;
    }

    /** 0 picks a free ephemeral port. */
    public SalesforceSettings port(int port) {
        this.port = port;
        return this;
    }

    public String clientId() {
        return clientId;
    }

    public SalesforceSettings clientId(String clientId) {
        this.clientId = clientId;
        return this;
    }

    public String clientSecret() {
        return clientSecret;
    }

    public SalesforceSettings clientSecret(String clientSecret) {
        this.clientSecret = clientSecret;
        return this;
    }

    public String refreshToken() {
        return refreshToken;
    }

    public SalesforceSettings refreshToken(String refreshToken) {
        this.refreshToken = refreshToken;
        return this;
    }

    public String username() {
        return username;
    }

    public SalesforceSettings username(String username) {
        this.username = username;
        return this;
    }

    public String password() {
        return password;
    }

    public SalesforceSettings password(String password) {
        this.password = password;
        return this;
    }

    /** When the sandbox clock starts; seeded audit dates lie before it. Null means "now" at start(). */
    public Instant clockStart() {
        return clockStart;
    }

    public SalesforceSettings clockStart(Instant clockStart) {
        this.clockStart = clockStart == null ? null : clockStart.truncatedTo(ChronoUnit.SECONDS);
        return this;
    }

    public boolean clockFrozen() {
        return clockFrozen;
    }

    /** A frozen clock only moves through the control API, which makes timestamps exact in tests. */
    public SalesforceSettings clockFrozen(boolean frozen) {
        this.clockFrozen = frozen;
        return this;
    }

    public Duration sessionTimeout() {
        return sessionTimeout;
    }

    /** Inactivity after which an access token stops working (Salesforce's default is 2 hours). */
    public SalesforceSettings sessionTimeout(Duration sessionTimeout) {
        this.sessionTimeout = sessionTimeout;
        return this;
    }

    public int queryBatchSize() {
        return queryBatchSize;
    }

    public SalesforceSettings queryBatchSize(int queryBatchSize) {
        this.queryBatchSize = queryBatchSize;
        return this;
    }
}
