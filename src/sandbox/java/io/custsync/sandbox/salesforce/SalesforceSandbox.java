package io.custsync.sandbox.salesforce;

import io.custsync.sandbox.common.ControlRoutes;
import io.custsync.sandbox.common.Faults;
import io.custsync.sandbox.common.SandboxClock;
import io.custsync.sandbox.common.SandboxRouter;
import io.custsync.sandbox.common.SandboxServer;
import io.custsync.sandbox.common.Standalone;
import java.io.IOException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * An in-process imitation of a Salesforce org's REST API (OAuth2 token endpoint, query/queryAll, sObject
 * CRUD and upsert, sObject Collections, describe, limits) for camel-salesforce to talk to through its
 * {@code loginUrl}. The login URL and the instance URL are both {@link #baseUrl()}.
 *
 * <pre>
 * try (SalesforceSandbox sf = new SalesforceSandbox(new SalesforceSettings().accounts(2500)).start()) {
 *     salesforceComponent.setLoginUrl(sf.baseUrl());
 *     sf.control().expireAllSessions();
 * }
 * </pre>
 */
public final class SalesforceSandbox implements AutoCloseable {

    private final SalesforceSettings settings;
    private final SandboxClock clock;
    private final SalesforceCounters counters = new SalesforceCounters();
    private final SalesforceControl control;
    private final RestApi api;
    private final SandboxRouter controlRoutes = new SandboxRouter();
    private final Faults faults;
    private SandboxServer server;
    private volatile String baseUrl;

    public SalesforceSandbox(SalesforceSettings settings) {
        this.settings = settings;
        Instant start = settings.clockStart() != null ? settings.clockStart()
                : Instant.now().truncatedTo(ChronoUnit.SECONDS);
        this.clock = new SandboxClock(start, settings.clockFrozen());
        Schema schema = new Schema();
        SalesforceRecordStore store = new SalesforceRecordStore(schema, new SalesforceDataGenerator(settings, start));
        ValidationRules rules = new ValidationRules();
        RecordWriter writer = new RecordWriter(store, clock, rules, counters);
        AuthService auth = new AuthService(settings, clock, counters);
        ApiLimits limits = new ApiLimits(clock, settings.dailyApiRequestLimit());
        this.faults = new Faults(settings.seed());
        this.control = new SalesforceControl(schema, store, writer, clock, auth, limits, rules, faults, counters);
        this.api = new RestApi(settings, schema, auth, limits, counters,
                new QueryService(store, settings.queryBatchSize()), new SObjectApi(store, writer),
                new CompositeApi(store, writer), this::baseUrl);
        ControlRoutes.register(controlRoutes, clock, SfJson::format, faults, counters::toMap, counters::reset);
        new SalesforceControlApi(control).register(controlRoutes);
    }

    public SalesforceSandbox() {
        this(new SalesforceSettings());
    }

    public SalesforceSandbox start() throws IOException {
        server = new SandboxServer("salesforce-sandbox-http", settings.host(), settings.port(), 16, api, controlRoutes, faults);
        server.start();
        String host = settings.host().equals("0.0.0.0") ? "localhost" : settings.host();
        baseUrl = "http://" + host + ":" + server.port();
        return this;
    }

    /** The login URL and instance URL, e.g. {@code http://127.0.0.1:54321} (no trailing slash). */
    public String baseUrl() {
        if (baseUrl == null) {
            throw new IllegalStateException("sandbox not started");
        }
        return baseUrl;
    }

    public SalesforceControl control() {
        return control;
    }

    public SalesforceSettings settings() {
        return settings;
    }

    /** The org id in the token response's {@code id} URL. */
    public String orgId() {
        return AuthService.orgId(settings);
    }

    /** The integration user's id (user row 0), who every session belongs to. */
    public String userId() {
        return SalesforceIds.of("005", 0);
    }

    @Override
    public void close() {
        if (server != null) {
            server.close();
        }
    }

    /**
     * Standalone: {@code java -cp ... io.custsync.sandbox.salesforce.SalesforceSandbox --port=8089
     * --seed=42 --users=50 --accounts=200000 --contacts=1000000 --limit=100000 --host=0.0.0.0} (or as system properties
     * {@code -Dsalesforce.sandbox.port=…}).
     */
    public static void main(String[] args) throws Exception {
        SalesforceSettings s = new SalesforceSettings().port(8089);
        Standalone.options(args, "salesforce.sandbox.").forEach((k, v) -> {
            switch (k) {
                case "port" -> s.port(Integer.parseInt(v));
                case "host" -> s.host(v);
                case "seed" -> s.seed(Long.parseLong(v));
                case "users" -> s.users(Integer.parseInt(v));
                case "accounts" -> s.accounts(Integer.parseInt(v));
                case "contacts" -> s.contacts(Integer.parseInt(v));
                case "limit" -> s.dailyApiRequestLimit(Long.parseLong(v));
                case "versions" -> s.apiVersions(List.of(v.split(",")));
                case "client-id" -> s.clientId(v);
                case "client-secret" -> s.clientSecret(v);
                case "refresh-token" -> s.refreshToken(v);
                case "username" -> s.username(v);
                case "password" -> s.password(v);
                case "clock-start" -> s.clockStart(Instant.parse(v));
                default -> throw new IllegalArgumentException("unknown option " + k);
            }
        });
        SalesforceSandbox sandbox = new SalesforceSandbox(s).start();
        System.out.println("Salesforce sandbox at " + sandbox.baseUrl() + " (loginUrl and instance URL); control API at "
                + sandbox.baseUrl() + "/_sandbox");
        System.out.println("client_id=" + s.clientId() + " client_secret=" + s.clientSecret() + " refresh_token="
                + s.refreshToken() + " username=" + s.username() + " password=" + s.password());
        Standalone.serveUntilStopped(sandbox);
    }
}
