package io.custsync;

import io.custsync.sync.Flow;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import io.custsync.intercom.IntercomConnection;
import io.custsync.ops.FlowTrigger;
import io.custsync.sandbox.intercom.IntercomSandbox;
import io.custsync.sandbox.intercom.IntercomControl;
import java.time.Duration;
import org.apache.camel.CamelContext;
import org.awaitility.Awaitility;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The whole service, started as {@code java -jar} would start it (config/, routes/, embedded PostgreSQL),
 * on a free port and a store of its own under target/. Closed by each test, so contexts never overlap.
 */
public final class TestService implements AutoCloseable {

    public static final String ADMIN = "admin";
    public static final String ADMIN_PASSWORD = "test-admin-secret";
    public static final String VIEWER = "viewer";
    public static final String VIEWER_PASSWORD = "test-viewer-secret";

    /** One unpacked copy of the PostgreSQL binaries for the whole suite (absolute: the unpacked location is cached per JVM). */
    public static final Path POSTGRES_BIN = Path.of("target", "postgres-bin").toAbsolutePath();

    private final ConfigurableApplicationContext context;

    private TestService(ConfigurableApplicationContext context) {
        this.context = context;
    }

    /** A fresh folder under target/ for one service's files (store in postgres/, Tomcat in tomcat/). */
    public static Path newStoreDir() {
        return Path.of("target", "test-stores", UUID.randomUUID().toString());
    }

    public static Map<String, Object> defaults(Path storeDir) {
        Map<String, Object> props = new LinkedHashMap<>();
        props.put("server.port", "0");
        props.put("sync.console.user", ADMIN);
        props.put("sync.console.password", ADMIN_PASSWORD);
        props.put("sync.console.viewer-user", VIEWER);
        props.put("sync.console.viewer-password", VIEWER_PASSWORD);
        props.put("sync.store.embedded.data-dir", storeDir.resolve("postgres").toString());
        props.put("sync.store.embedded.work-dir", POSTGRES_BIN.toString());
        props.put("server.tomcat.basedir", storeDir.resolve("tomcat").toString());
        // Tests fire flows themselves (runFlow); the schedule never does.
        for (Flow flow : Flow.values()) {
            props.put("sync.schedules." + flow.id() + ".cron", "0 0 0 1 1 ? 2099");
        }
        props.put("sync.housekeeping.enabled", "false");
        props.put("sync.demo.seed-healthscores", "false"); // tests set the scores they push
        props.put("sync.intercom.retry-delay", "20ms");
        return props;
    }

    public static TestService start(Map<String, Object> properties) {
        // As command-line arguments: they win over config/application.yaml, as an operator's would.
        String[] args = properties.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue()).toArray(String[]::new);
        return new TestService(new SpringApplicationBuilder(SyncApplication.class).run(args));
    }

    public static TestService start(Path storeDir) {
        return start(defaults(storeDir));
    }

    public int port() {
        return ((WebServerApplicationContext) context).getWebServer().getPort();
    }

    public String url(String path) {
        return "http://localhost:" + port() + path;
    }

    public JdbcTemplate jdbc() {
        return context.getBean(JdbcTemplate.class);
    }

    public CamelContext camel() {
        return context.getBean(CamelContext.class);
    }

    public ConfigurableApplicationContext context() {
        return context;
    }

    public IntercomConnection intercom() {
        return context.getBean(IntercomConnection.class);
    }

    /** The in-process Intercom simulator the service talks to (tests run without a token). */
    public IntercomSandbox intercomSandbox() {
        return intercom().sandbox(IntercomSandbox.class);
    }

    /** The control of the in-process Intercom sandbox the service talks to. */
    public IntercomControl sandbox() {
        return intercomSandbox().control();
    }

    /**
     * Fires the flow's Quartz job as the schedule would and waits for its run to end.
     * @return the run's {@code sync_runs} row
     */
    public Map<String, Object> runFlow(String flow) {
        Long before = jdbc().queryForObject("SELECT COALESCE(max(id), 0) FROM sync_runs WHERE flow = ?", Long.class, flow);
        if (!context.getBean(FlowTrigger.class).fireNow(flow)) {
            throw new IllegalStateException("flow " + flow + " is not running");
        }
        return Awaitility.await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(100))
                .until(() -> jdbc().queryForList("SELECT * FROM sync_runs WHERE flow = ? AND id > ? AND outcome <> 'running'",
                        flow, before), rows -> !rows.isEmpty()).get(0);
    }

    /** The embedded store a stopped service left in {@code storeDir}, opened as its superuser (the password is in its data). */
    public static StoppedStore reopenStore(Path storeDir) {
        Path data = storeDir.resolve("postgres");
        java.util.Properties credentials = new java.util.Properties();
        try (java.io.InputStream in = java.nio.file.Files.newInputStream(data.resolve("sync-credentials.properties"))) {
            credentials.load(in);
            String password = credentials.getProperty("superuser.password");
            io.zonky.test.db.postgres.embedded.EmbeddedPostgres pg = io.zonky.test.db.postgres.embedded.EmbeddedPostgres.builder()
                    .setDataDirectory(data).setCleanDataDirectory(false).setOverrideWorkingDirectory(POSTGRES_BIN.toFile())
                    .setServerConfig("unix_socket_directories", "").setConnectConfig("password", password).start();
            return new StoppedStore(pg, pg.getDatabase("postgres", "postgres", Map.of("password", password)));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** A stopped service's store, reopened for a test to read. */
    public record StoppedStore(io.zonky.test.db.postgres.embedded.EmbeddedPostgres server, javax.sql.DataSource dataSource)
            implements AutoCloseable {
        public JdbcTemplate jdbc() {
            return new JdbcTemplate(dataSource);
        }

        @Override
        public void close() throws java.io.IOException {
            server.close();
        }
    }

    private static final java.net.http.HttpClient HTTP = java.net.http.HttpClient.newHttpClient();

    /**
     * A request to the service as {@code user} (null: anonymous), sent as a script on the service's own origin
     * would send it: with the same-origin proof every state change needs ({@code X-Requested-With}). The
     * answer's status and body.
     */
    public java.net.http.HttpResponse<String> http(String method, String path, String user, String password, String jsonBody) {
        try {
            java.net.http.HttpRequest.Builder request = java.net.http.HttpRequest.newBuilder(java.net.URI.create(url(path)))
                    .method(method, jsonBody == null ? java.net.http.HttpRequest.BodyPublishers.noBody()
                            : java.net.http.HttpRequest.BodyPublishers.ofString(jsonBody))
                    .header("Content-Type", "application/json")
                    .header("X-Requested-With", "XMLHttpRequest")
                    .header("Origin", url(""));
            if (user != null) {
                request.header("Authorization", "Basic " + java.util.Base64.getEncoder()
                        .encodeToString((user + ":" + password).getBytes(java.nio.charset.StandardCharsets.UTF_8)));
            }
            return HTTP.send(request.build(), java.net.http.HttpResponse.BodyHandlers.ofString());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public java.net.http.HttpResponse<String> asAdmin(String method, String path, String jsonBody) {
        return http(method, path, ADMIN, ADMIN_PASSWORD, jsonBody);
    }

    public long count(String sql, Object... args) {
        return jdbc().queryForObject(sql, Long.class, args);
    }

    @Override
    public void close() {
        context.close();
    }
}
