package io.custsync.sandbox.intercom;

import io.custsync.sandbox.common.ControlRoutes;
import io.custsync.sandbox.common.Faults;
import io.custsync.sandbox.common.SandboxClock;
import io.custsync.sandbox.common.SandboxRouter;
import io.custsync.sandbox.common.SandboxServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;

/**
 * An in-process simulator of Intercom's REST API 2.16, served over HTTP on 127.0.0.1. Plain JDK HttpServer plus
 * Jackson, no Spring, so the product can start it when no Intercom token is configured and tests can start many.
 *
 * <pre>{@code
 * try (IntercomSandbox sb = IntercomSandbox.builder().seed(7).contacts(200).build().start()) {
 *     String base = sb.baseUrl();           // e.g. http://127.0.0.1:54321
 *     sb.control().advanceClock(61);        // e.g. expire the companies scroll
 * }
 * }</pre>
 */
public final class IntercomSandbox implements AutoCloseable {
    private final IntercomSettings settings;
    private final Workspace workspace;
    private final IntercomControl control;
    private final SandboxServer server;
    private final Webhooks webhooks;

    public IntercomSandbox(IntercomSettings settings) {
        this.settings = settings;
        SandboxClock clock = new SandboxClock(settings.clockStartEpoch == null ? null
                : Instant.ofEpochSecond(settings.clockStartEpoch), false);
        this.workspace = new Workspace(settings, clock);
        Views views = new Views(workspace);
        Gatekeeper gate = new Gatekeeper(settings, clock);
        Faults faults = new Faults(settings.seed);
        IntercomCounters counters = new IntercomCounters();
        this.webhooks = new Webhooks(clock, workspace.appId);
        workspace.listener = new WebhookFeed(views, webhooks);
        SandboxRouter api = new SandboxRouter();
        new WorkspaceApi(workspace, views).register(api);
        new ContactsApi(workspace, views).register(api);
        CompaniesApi companies = new CompaniesApi(workspace, views);
        companies.register(api);
        new ConversationsApi(workspace, views).register(api);
        this.control = new IntercomControl(workspace, gate, faults, counters, companies, webhooks);
        SandboxRouter controlRoutes = new SandboxRouter();
        ControlRoutes.register(controlRoutes, clock, Instant::getEpochSecond, faults, counters::toMap, counters::reset);
        new IntercomControlApi(workspace, control, views).register(controlRoutes);
        try {
            this.server = new SandboxServer("intercom-sandbox-http", settings.bindAddress, settings.port, settings.threads,
                    new PublicApi(api, gate, counters), controlRoutes, faults);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot bind the Intercom sandbox to port " + settings.port, e);
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    public IntercomSandbox start() {
        server.start();
        return this;
    }

    /** e.g. {@code http://127.0.0.1:54321} — use it where the client would use https://api.intercom.io. */
    public String baseUrl() {
        String host = settings.bindAddress.equals("0.0.0.0") ? "127.0.0.1" : settings.bindAddress;
        return "http://" + host + ":" + server.port();
    }

    public int port() {
        return server.port();
    }

    public IntercomSettings settings() {
        return settings;
    }

    public IntercomControl control() {
        return control;
    }

    private final java.util.concurrent.atomic.AtomicBoolean closed = new java.util.concurrent.atomic.AtomicBoolean();

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        server.close();
        webhooks.close();
    }

    /** Same knobs as {@link IntercomSettings.Builder}, building the sandbox directly. */
    public static final class Builder {
        private final IntercomSettings.Builder s = IntercomSettings.builder();

        public Builder seed(long v) { s.seed(v); return this; }
        public Builder admins(int v) { s.admins(v); return this; }
        public Builder companies(long v) { s.companies(v); return this; }
        public Builder contacts(long v) { s.contacts(v); return this; }
        public Builder conversations(long v) { s.conversations(v); return this; }
        public Builder tickets(long v) { s.tickets(v); return this; }
        public Builder rateLimitPer10s(int v) { s.rateLimitPer10s(v); return this; }
        public Builder timezone(String v) { s.timezone(v); return this; }
        public Builder token(String v) { s.token(v); return this; }
        public Builder port(int v) { s.port(v); return this; }
        public Builder bindAddress(String v) { s.bindAddress(v); return this; }
        public Builder clockStartEpoch(long v) { s.clockStartEpoch(v); return this; }
        public Builder dataEndEpoch(long v) { s.dataEndEpoch(v); return this; }
        public Builder dataSpanSeconds(long v) { s.dataSpanSeconds(v); return this; }
        public Builder scrollExpirySeconds(long v) { s.scrollExpirySeconds(v); return this; }
        public Builder strictAccept(boolean v) { s.strictAccept(v); return this; }
        public Builder searchLagSeconds(long v) { s.searchLagSeconds(v); return this; }
        public Builder threads(int v) { s.threads(v); return this; }

        public IntercomSandbox build() {
            return new IntercomSandbox(s.build());
        }
    }
}
