package io.custsync.connect;

/**
 * Starts the stand-ins the service talks to when no credentials are set (the demo, the tests): in-process simulators
 * of Intercom and Salesforce, served over HTTP on 127.0.0.1 and reached exactly like the real services. The product
 * names no simulator: an implementation comes with them (src/sandbox, as a Spring Boot auto-configuration) and is
 * absent from a build without them, where a start with no credentials fails and says which variables to set
 * ({@link NoSandboxException}).
 */
public interface SandboxLauncher {

    /** The Intercom workspace to simulate ({@code sync.intercom.sandbox.*}). */
    record IntercomWorkspace(long seed, long companies, long contacts, long conversations, long tickets,
                             int rateLimitPer10s, long scrollExpirySeconds) {}

    /** The Salesforce org to simulate ({@code sync.salesforce.sandbox.*}). */
    record SalesforceOrg(long seed, int users, int accounts, int contacts, int queryBatchSize) {}

    /**
     * A running Intercom stand-in: its API URL and the one token it accepts. {@code simulator} is the simulator itself,
     * for tests to drive; closing it stops the stand-in.
     */
    record RunningIntercom(String apiUrl, String accessToken, AutoCloseable simulator) {}

    /**
     * A running Salesforce stand-in: its login URL (the instance URL too) and the connected app and refresh token it
     * accepts. {@code simulator} is the simulator itself, for tests to drive; closing it stops the stand-in.
     */
    record RunningSalesforce(String loginUrl, String clientId, String clientSecret, String refreshToken,
                             AutoCloseable simulator) {}

    RunningIntercom startIntercom(IntercomWorkspace workspace);

    RunningSalesforce startSalesforce(SalesforceOrg org);
}
