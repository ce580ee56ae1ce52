package io.custsync.sandbox.salesforce;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * An in-process imitation of a Salesforce org's REST API (OAuth2 token endpoint, query/queryAll, sObject
 * CRUD and upsert, sObject Collections, describe, limits) for camel-salesforce to talk to through its
 * {@code loginUrl}. The login URL and the instance URL are both {@link #baseUrl()}.
 *
 * <pre>
 * try (SalesforceSandbox sf = new SalesforceSandbox(new SandboxSettings().accounts(2500)).start()) {
 *     salesforceComponent.setLoginUrl(sf.baseUrl());
 *     sf.control().expireAllSessions();
 * }
 * </pre>
 */
public final class SalesforceSandbox implements AutoCloseable {

    private final SandboxSettings settings;
    private final SandboxClock clock;
    private final Counters counters = new Counters();
    private final SandboxControl control;
    private final SandboxHttpServer server;
    private volatile String baseUrl;

    public SalesforceSandbox(SandboxSettings settings) {
        this.settings = settings;
        Instant start = settings.clockStart() != null ? settings.clockStart()
                : Instant.now().truncatedTo(ChronoUnit.SECONDS);
        this.clock = new SandboxClock(start, settings.clockFrozen());
        Schema schema = new Schema();
        RecordStore store = new RecordStore(schema, new DataGenerator(settings, start));
        ValidationRules rules = new ValidationRules();
        RecordWriter writer = new RecordWriter(store, clock, rules, counters);
        AuthService auth = new AuthService(settings, clock, counters);
        ApiLimits limits = new ApiLimits(clock, settings.dailyApiRequestLimit());
        Faults faults = new Faults(settings.seed());
        this.control = new SandboxControl(schema, store, writer, clock, auth, limits, rules, faults, counters);
        RestApi api = new RestApi(settings, schema, auth, limits, counters,
                new QueryService(store, settings.queryBatchSize()), new SObjectApi(store, writer),
                new CompositeApi(store, writer), this::baseUrl);
        this.server = new SandboxHttpServer(api, new ControlApi(control), faults, counters);
    }

    public SalesforceSandbox() {
        this(new SandboxSettings());
    }

    public SalesforceSandbox start() throws IOException {
        InetSocketAddress address = server.start(settings.host(), settings.port());
        String host = settings.host().equals("0.0.0.0") ? "localhost" : settings.host();
        baseUrl = "http://" + host + ":" + address.getPort();
        return this;
    }

    /** The login URL and instance URL, e.g. {@code http://127.0.0.1:54321} (no trailing slash). */
    public String baseUrl() {
        if (baseUrl == null) {
            throw new IllegalStateException("sandbox not started");
        }
        return baseUrl;
    }

    public SandboxControl control() {
        return control;
    }

    public SandboxSettings settings() {
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
        server.stop();
    }

    /**
     * Standalone: {@code java -cp ... io.custsync.sandbox.salesforce.SalesforceSandbox --port=8089
     * --seed=42 --users=50 --accounts=200000 --contacts=1000000 --limit=100000 --host=0.0.0.0}.
     */
    public static void main(String[] args) throws Exception {
        SandboxSettings s = new SandboxSettings().port(8089);
        for (String arg : args) {
            String[] kv = arg.replaceFirst("^--", "").split("=", 2);
            String v = kv.length > 1 ? kv[1] : "";
            switch (kv[0]) {
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
                default -> throw new IllegalArgumentException("unknown option " + arg);
            }
        }
        SalesforceSandbox sandbox = new SalesforceSandbox(s).start();
        System.out.println("Salesforce sandbox at " + sandbox.baseUrl() + " (loginUrl and instance URL); control API at "
                + sandbox.baseUrl() + "/_sandbox");
        System.out.println("client_id=" + s.clientId() + " client_secret=" + s.clientSecret() + " refresh_token="
                + s.refreshToken() + " username=" + s.username() + " password=" + s.password());
        CountDownLatch stop = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            sandbox.close();
            stop.countDown();
        }));
        stop.await();
    }
}
