package io.custsync.salesforce;

import io.custsync.connect.SandboxLauncher;
import java.time.Instant;

/**
 * Which Salesforce org the flows talk to through camel-salesforce, and how the last call went. Not
 * configured: no Salesforce mode is enabled (or the CRM is Intercom), nothing starts and nobody logs in.
 */
public class SalesforceConnection implements AutoCloseable {

    public enum Kind { ORG, SANDBOX, NOT_CONFIGURED }

    private final Kind kind;
    private final String loginUrl;
    private final SandboxLauncher.RunningSalesforce sandbox;
    private volatile String failure;
    private volatile Instant lastSuccess;

    SalesforceConnection(Kind kind, String loginUrl, SandboxLauncher.RunningSalesforce sandbox) {
        this.kind = kind;
        this.loginUrl = loginUrl;
        this.sandbox = sandbox;
    }

    public Kind kind() { return kind; }
    public boolean configured() { return kind != Kind.NOT_CONFIGURED; }
    public String loginUrl() { return loginUrl; }
    /** The in-process sandbox (where it listens, what it accepts), or null. */
    SandboxLauncher.RunningSalesforce sandbox() { return sandbox; }
    /** The in-process simulator as its own type (tests drive it), or null. */
    public <T> T sandbox(Class<T> type) { return sandbox == null ? null : type.cast(sandbox.simulator()); }
    /** Why the last Salesforce call of a flow failed, or null once one succeeded since. */
    public String failure() { return failure; }
    public Instant lastSuccess() { return lastSuccess; }

    public void succeeded() {
        failure = null;
        lastSuccess = Instant.now();
    }

    public void failed(String why) {
        failure = why;
    }

    @Override
    public void close() throws Exception {
        if (sandbox != null) {
            sandbox.simulator().close();
        }
    }
}
