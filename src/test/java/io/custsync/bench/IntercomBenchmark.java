package io.custsync.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.custsync.SyncApplication;
import io.custsync.TestService;
import io.custsync.sandbox.intercom.IntercomSandboxMain;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.postgresql.PGConnection;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * The benchmarks of the README's Performance section (run with {@code mvn -B -Pbench verify}; not part of the
 * normal test command). The Intercom sandbox and the service run as separate processes, the service with a
 * 512 MB heap, on an embedded PostgreSQL; results go to target/bench/results.md and .csv. Sizes are system
 * properties ({@code -Dbench.contacts=1000000 -Dbench.companies=200000 -Dbench.conversations=100000}).
 */
class IntercomBenchmark {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TOKEN = "bench-token";
    private static final int LIMIT_PER_10S = 1666;

    private final long contacts = Long.getLong("bench.contacts", 20_000);
    private final long companies = Long.getLong("bench.companies", 4_000);
    private final long conversations = Long.getLong("bench.conversations", 2_000);
    private final String growth = System.getProperty("bench.growth", "2000,10000,20000");
    private final Results results = new Results();
    private final HttpClient http = HttpClient.newHttpClient();
    /** Benchmark 1's contacts import (time, peak heap), which benchmark 5 reuses at the same size. */
    private Map<String, Object> fullContactsRun;
    private long fullContactsPeakHeapMb;
    private final Path out = Path.of("target", "bench");

    @Test
    void benchmarks() throws Exception {
        Files.createDirectories(out);
        try (EmbeddedPostgres pg = EmbeddedPostgres.builder().setDataDirectory(out.resolve("pg-" + System.nanoTime()))
                .setOverrideWorkingDirectory(TestService.POSTGRES_BIN.toFile()).setServerConfig("unix_socket_directories", "")
                .setServerConfig("max_connections", "100").start()) {
            JdbcTemplate admin = new JdbcTemplate(pg.getPostgresDatabase());
            fullImportAndIncrementalAndPush(pg, admin);
            rateLimitedImport(pg, admin);
            for (String size : growth.split(",")) {
                growth(pg, admin, Long.parseLong(size.trim()));
            }
        }
        results.write(out, "machine: " + Runtime.getRuntime().availableProcessors() + " cores, " + System.getProperty("os.name")
                + ", Java " + System.getProperty("java.version") + "; date: " + Instant.now());
    }

    /** Benchmarks 1, 3 and 4: full import with the API out of the way, incremental runs, a healthscore push. */
    private void fullImportAndIncrementalAndPush(EmbeddedPostgres pg, JdbcTemplate admin) throws Exception {
        String scenario = "full";
        try (ServiceProcess sandbox = sandbox(scenario, contacts, companies, conversations, 0);
             Service service = service(pg, admin, scenario, sandbox)) {
            long totalRecords = 0;
            long totalMillis = 0;
            long peakHeap = 0;
            for (String flow : List.of("intercom-companies", "intercom-contacts", "intercom-conversations")) {
                service.resetPeakHeap();
                Map<String, Object> run = service.run(flow);
                peakHeap = Math.max(peakHeap, service.peakHeapMb());
                if (flow.equals("intercom-contacts")) {
                    fullContactsRun = run;
                    fullContactsPeakHeapMb = service.peakHeapMb();
                }
                long millis = millis(run);
                long written = ((Number) run.get("records_written")).longValue();
                totalRecords += written;
                totalMillis += millis;
                results.add("1 full import (API not limiting)", flow + " records/s", perSecond(written, millis), "records/s",
                        written + " records, " + run.get("api_calls") + " API calls, " + millis + " ms", "");
            }
            long parts = service.db.queryForObject("SELECT count(*) FROM conversation_parts", Long.class);
            results.add("1 full import (API not limiting)", "wall time, all flows", totalMillis / 1000.0, "s",
                    totalRecords + " records + " + parts + " conversation parts", "");
            results.add("1 full import (API not limiting)", "peak heap of the service (-Xmx512m)", peakHeap, "MB", "", "");
            results.add("1 full import (API not limiting)", "peak RSS of the service", service.process.peakRssMb(), "MB", "", "");
            double copy = copyCeiling(service.db, contacts);
            double ours = perSecond(contacts, millis(service.lastRun("intercom-contacts")));
            results.add("1 full import (API not limiting)", "ingest ceiling: COPY of the same contact rows", copy, "rows/s",
                    "PostgreSQL COPY into the same table shape, same machine, same run", String.format("ours/COPY = %.3f", ours / copy));

            // 3. Incremental: nothing changed, then 1% of contacts and conversations changed.
            Map<String, Object> idle = service.run("intercom-contacts");
            results.add("3 incremental", "contacts, no change: API calls", num(idle.get("api_calls")), "calls", millis(idle) + " ms", "");
            Map<String, Object> idleConversations = service.run("intercom-conversations");
            results.add("3 incremental", "conversations, no change: API calls", num(idleConversations.get("api_calls")), "calls",
                    millis(idleConversations) + " ms", "");
            List<String> someContacts = service.db.queryForList("SELECT external_id FROM identity_links WHERE object = 'contacts' "
                    + "ORDER BY external_id LIMIT ?", String.class, Math.max(1, contacts / 100));
            long now = Instant.now().getEpochSecond() - 5;
            for (String id : someContacts) {
                control(sandbox, "PUT", "/_sandbox/contacts/" + id, "{\"name\":\"Changed\",\"updated_at\":" + now + "}");
            }
            List<String> someConversations = service.db.queryForList("SELECT intercom_id FROM conversations ORDER BY intercom_id LIMIT ?",
                    String.class, Math.max(1, conversations / 100));
            for (String id : someConversations) {
                control(sandbox, "PUT", "/_sandbox/conversations/" + id, "{\"state\":\"open\",\"updated_at\":" + now + "}");
            }
            Map<String, Object> changed = service.run("intercom-contacts");
            results.add("3 incremental", "contacts, 1% changed: API calls", num(changed.get("api_calls")), "calls",
                    changed.get("records_written") + " written of " + someContacts.size() + " changed, " + millis(changed) + " ms", "");
            Map<String, Object> changedConversations = service.run("intercom-conversations");
            results.add("3 incremental", "conversations, 1% changed: API calls", num(changedConversations.get("api_calls")), "calls",
                    changedConversations.get("records_written") + " written of " + someConversations.size() + " changed, "
                            + millis(changedConversations) + " ms", "");

            // 4. Push: a healthscore change on every company, at Intercom's real rate limit; then no change.
            control(sandbox, "PUT", "/_sandbox/rate_limit", "{\"limit\":" + LIMIT_PER_10S + "}");
            Thread.sleep(10_000); // start in a fresh window
            long pushed = Math.min(companies, 100_000);
            service.db.update("UPDATE customers SET healthscore = (id % 100) + 0.5, csm_pulse = 'green' WHERE id IN "
                    + "(SELECT id FROM customers ORDER BY id LIMIT ?)", pushed);
            Map<String, Object> push = service.run("healthscore-push");
            long writes = num(push.get("records_written"));
            double floor = Math.max(0, (num(push.get("api_calls")) - LIMIT_PER_10S)) * 10.0 / LIMIT_PER_10S;
            results.add("4 push (10,000 calls/min)", "healthscore push of " + pushed + " companies: wall time", millis(push) / 1000.0, "s",
                    writes + " written, " + push.get("api_calls") + " calls, " + push.get("rate_limited") + " 429s",
                    String.format("floor %.1f s (calls beyond the first window ÷ 1,666 per 10 s)", floor));
            Map<String, Object> again = service.run("healthscore-push");
            results.add("4 push (10,000 calls/min)", "second push, nothing changed: writes", num(again.get("records_written")), "writes",
                    again.get("api_calls") + " calls (reads only)", "");
        }
    }

    /** Benchmark 2: the same import at Intercom's real limit, against its floor. */
    private void rateLimitedImport(EmbeddedPostgres pg, JdbcTemplate admin) throws Exception {
        long c = Math.min(contacts, 20_000);
        try (ServiceProcess sandbox = sandbox("ratelimited", c, Math.min(companies, 4_000), Math.min(conversations, 3_000), LIMIT_PER_10S);
             Service service = service(pg, admin, "ratelimited", sandbox)) {
            Thread.sleep(10_000);
            long calls = 0;
            long millis = 0;
            long limited = 0;
            for (String flow : List.of("intercom-companies", "intercom-contacts", "intercom-conversations")) {
                Map<String, Object> run = service.run(flow);
                calls += num(run.get("api_calls"));
                millis += millis(run);
                limited += num(run.get("rate_limited"));
            }
            double floor = Math.max(0, calls - LIMIT_PER_10S) * 10.0 / LIMIT_PER_10S;
            results.add("2 full import at 10,000 calls/min", "wall time (" + c + " contacts)", millis / 1000.0, "s",
                    calls + " calls, " + limited + " 429s", String.format("floor %.1f s; ours/floor = %s", floor,
                            floor == 0 ? "n/a (fits in one window)" : String.format("%.2f", millis / 1000.0 / floor)));
        }
    }

    /** Benchmark 5: the contacts import at growing sizes: time and peak heap. */
    private void growth(EmbeddedPostgres pg, JdbcTemplate admin, long size) throws Exception {
        if (size == contacts && companies == Math.max(10, size / 5) && fullContactsRun != null) {
            // The same import as benchmark 1's (size/5 companies first): not run a second time.
            results.add("5 growth", size + " contacts", millis(fullContactsRun) / 1000.0, "s", String.format(
                    "%.0f records/s, peak heap %d MB (benchmark 1's run)", perSecond(size, millis(fullContactsRun)), fullContactsPeakHeapMb), "");
            return;
        }
        String scenario = "growth" + size;
        try (ServiceProcess sandbox = sandbox(scenario, size, Math.max(10, size / 5), 10, 0);
             Service service = service(pg, admin, scenario, sandbox)) {
            service.run("intercom-companies");
            service.resetPeakHeap();
            Map<String, Object> run = service.run("intercom-contacts");
            results.add("5 growth", size + " contacts", millis(run) / 1000.0, "s",
                    String.format("%.0f records/s, peak heap %d MB", perSecond(size, millis(run)), service.peakHeapMb()), "");
        }
    }

    private ServiceProcess sandbox(String scenario, long contacts, long companies, long conversations, int rateLimit) throws Exception {
        int port = ServiceProcess.freePort();
        return ServiceProcess.start(IntercomSandboxMain.class.getName(), "512m", out.resolve(scenario + "-sandbox.log"), List.of(
                "--port=" + port, "--seed=42", "--contacts=" + contacts, "--companies=" + companies, "--conversations=" + conversations,
                "--tickets=10", "--rate-limit=" + rateLimit, "--token=" + TOKEN), "Intercom sandbox on", port);
    }

    private Service service(EmbeddedPostgres pg, JdbcTemplate admin, String scenario, ServiceProcess sandbox) throws Exception {
        admin.execute("CREATE DATABASE bench_" + scenario);
        String url = pg.getJdbcUrl("postgres", "bench_" + scenario);
        Path mappings = out.resolve(scenario + "-mappings.yaml");
        Files.writeString(mappings, """
                crm: intercom
                objects:
                  customers: { intercom: { mode: input } }
                  contacts: { intercom: { mode: input } }
                  interactions: { intercom: { mode: input, first-pull-days: 3650, known-customers-only: true } }
                  healthscore: { intercom: { mode: output } }
                """);
        Map<String, Object> props = TestService.defaults(out.resolve(scenario));
        int port = ServiceProcess.freePort();
        props.put("server.port", port);
        props.put("sync.console.user", ServiceProcess.USER);
        props.put("sync.console.password", ServiceProcess.PASSWORD);
        props.put("spring.datasource.url", url);
        props.put("spring.datasource.username", "postgres");
        props.put("spring.datasource.password", "");
        props.put("sync.intercom.access-token", TOKEN);
        props.put("sync.intercom.base-url", "http://127.0.0.1:" + sandbox.port);
        props.put("sync.mappings", mappings.toString());
        ServiceProcess process = ServiceProcess.start(SyncApplication.class.getName(), "512m", out.resolve(scenario + "-service.log"),
                ServiceProcess.args(props), "Started SyncApplication", port);
        return new Service(process, new JdbcTemplate(new DriverManagerDataSource(url)));
    }

    private void control(ServiceProcess sandbox, String method, String path, String body) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + sandbox.port + path))
                .header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(method + " " + path + ": " + response.body()).isLessThan(300);
    }

    /** PostgreSQL COPY of {@code rows} contact-shaped rows: the most this machine's store can ingest. */
    private static double copyCeiling(JdbcTemplate db, long rows) throws Exception {
        db.execute("CREATE TABLE copy_ceiling (LIKE contacts INCLUDING DEFAULTS INCLUDING INDEXES)");
        StringBuilder data = new StringBuilder();
        for (long i = 0; i < rows; i++) {
            data.append("copy-").append(i).append('\t').append("person").append(i).append("@example.com\t").append("Person ").append(i)
                    .append("\t+1555").append(i).append("\tuser\n");
        }
        long started = System.nanoTime();
        try (Connection connection = db.getDataSource().getConnection()) {
            connection.unwrap(PGConnection.class).getCopyAPI()
                    .copyIn("COPY copy_ceiling (contact_id, email, name, phone, role) FROM STDIN", new StringReader(data.toString()));
        }
        long millis = Math.max(1, (System.nanoTime() - started) / 1_000_000);
        db.execute("DROP TABLE copy_ceiling");
        return perSecond(rows, millis);
    }

    private static double perSecond(long records, long millis) {
        return Math.round(records * 1000.0 / Math.max(1, millis));
    }

    private static long millis(Map<String, Object> run) {
        return ((java.sql.Timestamp) run.get("finished_at")).getTime() - ((java.sql.Timestamp) run.get("started_at")).getTime();
    }

    private static long num(Object value) {
        return ((Number) value).longValue();
    }

    /** The service under measurement: runs flows through its API, watches its heap. */
    private static final class Service implements AutoCloseable {
        final ServiceProcess process;
        final JdbcTemplate db;
        private final AtomicLong peakHeap = new AtomicLong();
        private final ScheduledExecutorService watcher = Executors.newSingleThreadScheduledExecutor();

        Service(ServiceProcess process, JdbcTemplate db) {
            this.process = process;
            this.db = db;
            watcher.scheduleAtFixedRate(this::sampleHeap, 0, 250, TimeUnit.MILLISECONDS);
        }

        private void sampleHeap() {
            try {
                JsonNode used = JSON.readTree(process.call("GET", "/actuator/metrics/jvm.memory.used?tag=area:heap").body());
                peakHeap.accumulateAndGet((long) used.path("measurements").path(0).path("value").asDouble(), Math::max);
            } catch (Exception e) {
                // the next sample will do
            }
        }

        long peakHeapMb() {
            return peakHeap.get() / (1024 * 1024);
        }

        void resetPeakHeap() {
            peakHeap.set(0);
        }

        Map<String, Object> run(String flow) throws Exception {
            long before = db.queryForObject("SELECT coalesce(max(id), 0) FROM sync_runs", Long.class);
            HttpResponse<String> started = process.call("POST", "/api/sync/" + flow + "/run");
            assertThat(started.statusCode()).as(flow + ": " + started.body()).isEqualTo(202);
            Instant deadline = Instant.now().plus(Duration.ofHours(3));
            while (Instant.now().isBefore(deadline)) {
                List<Map<String, Object>> rows = db.queryForList(
                        "SELECT * FROM sync_runs WHERE flow = ? AND id > ? AND outcome <> 'running'", flow, before);
                if (!rows.isEmpty()) {
                    assertThat(rows.get(0).get("outcome")).as(flow + ": " + rows.get(0).get("message")).isEqualTo("succeeded");
                    return rows.get(0);
                }
                Thread.sleep(200);
            }
            throw new IllegalStateException(flow + " did not finish");
        }

        Map<String, Object> lastRun(String flow) {
            return db.queryForMap("SELECT * FROM sync_runs WHERE flow = ? AND outcome = 'succeeded' ORDER BY id DESC LIMIT 1", flow);
        }

        @Override
        public void close() throws Exception {
            watcher.shutdownNow();
            process.close();
        }
    }

    /** The results table, printed and written as Markdown and CSV. */
    private static final class Results {
        private final List<String[]> rows = new ArrayList<>();

        void add(String benchmark, String figure, double value, String unit, String detail, String reference) {
            String[] row = {benchmark, figure, value == Math.rint(value) ? String.valueOf((long) value) : String.format("%.2f", value),
                    unit, detail, reference};
            rows.add(row);
            System.out.println("BENCH | " + String.join(" | ", row));
        }

        void write(Path out, String header) throws Exception {
            StringBuilder md = new StringBuilder("Benchmarks (" + header + ")\n\n| benchmark | figure | value | unit | detail | reference |\n|---|---|---|---|---|---|\n");
            StringBuilder csv = new StringBuilder("benchmark,figure,value,unit,detail,reference\n");
            for (String[] row : rows) {
                md.append("| ").append(String.join(" | ", row)).append(" |\n");
                List<String> quoted = new ArrayList<>();
                for (String cell : row) {
                    quoted.add("\"" + cell.replace("\"", "\"\"") + "\"");
                }
                csv.append(String.join(",", quoted)).append('\n');
            }
            Files.writeString(out.resolve("results.md"), md);
            Files.writeString(out.resolve("results.csv"), csv);
        }
    }
}
