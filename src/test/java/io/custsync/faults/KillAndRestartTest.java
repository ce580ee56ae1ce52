package io.custsync.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.custsync.SyncApplication;
import io.custsync.TestService;
import io.custsync.sandbox.common.Faults;
import io.custsync.sandbox.intercom.IntercomSandbox;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.File;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * kill -9 of the service in the middle of a contacts import and of a conversations import, then a restart:
 * the store ends up exactly as after an uninterrupted import (same rows, no duplicates). The service runs as
 * a separate process against a sandbox that outlives it, as in production.
 */
class KillAndRestartTest {

    private static final String MAPPINGS = """
            crm: intercom
            objects:
              customers: { intercom: { mode: input } }
              contacts: { intercom: { mode: input } }
              interactions: { intercom: { mode: input, first-pull-days: 3650 } }
            """;

    @Test
    void killedImportsResumeToTheSameStoreAsAnUninterruptedRun() throws Exception {
        Path dir = TestService.newStoreDir();
        Files.createDirectories(dir);
        Path mappings = dir.resolve("mappings.yaml");
        Files.writeString(mappings, MAPPINGS);
        try (IntercomSandbox sandbox = IntercomSandbox.builder().seed(11).companies(30).contacts(600).conversations(150).tickets(5)
                .token("kill-test").port(0).build().start();
             EmbeddedPostgres pg = EmbeddedPostgres.builder().setDataDirectory(dir.resolve("pg"))
                     .setOverrideWorkingDirectory(TestService.POSTGRES_BIN.toFile()).setServerConfig("unix_socket_directories", "").start()) {
            JdbcTemplate admin = new JdbcTemplate(pg.getPostgresDatabase());
            admin.execute("CREATE DATABASE reference");
            admin.execute("CREATE DATABASE interrupted");
            String referenceUrl = pg.getJdbcUrl("postgres", "reference");
            String interruptedUrl = pg.getJdbcUrl("postgres", "interrupted");

            // The uninterrupted import, for comparison.
            Map<String, Object> reference = props(dir.resolve("reference"), referenceUrl, sandbox, mappings, 0);
            try (TestService service = TestService.start(reference)) {
                for (String flow : List.of("intercom-companies", "intercom-contacts", "intercom-conversations")) {
                    assertThat(service.runFlow(flow)).containsEntry("outcome", "succeeded");
                }
            }

            JdbcTemplate db = jdbc(interruptedUrl);
            Node node = Node.start(dir.resolve("node-1"), props(dir.resolve("node-1"), interruptedUrl, sandbox, mappings, freePort()));
            node.runAndWait(db, "intercom-companies");

            // Contacts: killed after a few committed pages.
            sandbox.control().addFault(Faults.on("POST", "/contacts/search").latency(700).times(100));
            node.fire("intercom-contacts");
            await().atMost(Duration.ofSeconds(60)).until(() -> count(db, "SELECT count(*) FROM contacts") >= 150);
            node.kill();
            long partialContacts = count(db, "SELECT count(*) FROM contacts");
            assertThat(partialContacts).isLessThan(600);
            sandbox.control().clearFaults();
            node = Node.start(dir.resolve("node-2"), props(dir.resolve("node-2"), interruptedUrl, sandbox, mappings, freePort()));
            node.runAndWait(db, "intercom-contacts");

            // Conversations: killed while retrieving them one by one.
            sandbox.control().addFault(Faults.on("GET", "/conversations/*").latency(300).times(1000));
            node.fire("intercom-conversations");
            await().atMost(Duration.ofSeconds(60)).until(() -> count(db, "SELECT count(*) FROM conversations") >= 10);
            node.kill();
            assertThat(count(db, "SELECT count(*) FROM conversations")).isLessThan(count(jdbc(referenceUrl), "SELECT count(*) FROM conversations"));
            sandbox.control().clearFaults();
            node = Node.start(dir.resolve("node-3"), props(dir.resolve("node-3"), interruptedUrl, sandbox, mappings, freePort()));
            node.runAndWait(db, "intercom-conversations");
            node.kill();

            JdbcTemplate ref = jdbc(referenceUrl);
            for (String sql : List.of(
                    "SELECT c.contact_id || '|' || coalesce(c.email,'') || '|' || coalesce(c.name,'') || '|' || coalesce(c.role,'') || '|' "
                            + "|| coalesce(k.customer_id,'') FROM contacts c LEFT JOIN customers k ON k.id = c.customer_id",
                    "SELECT c.contact_id || '|' || r.role FROM contact_role_tags r JOIN contacts c ON c.id = r.contact_id",
                    "SELECT customer_id || '|' || coalesce(name,'') || '|' || coalesce(domain,'') FROM customers",
                    "SELECT v.intercom_id || '|' || coalesce(v.state,'') || '|' || coalesce(k.customer_id,'') || '|' || v.has_customer_reply "
                            + "FROM conversations v LEFT JOIN customers k ON k.id = v.customer_id",
                    "SELECT v.intercom_id || '|' || p.part_id || '|' || coalesce(p.body,'') FROM conversation_parts p "
                            + "JOIN conversations v ON v.id = p.conversation_id",
                    "SELECT v.intercom_id || '|' || cc.contact_external_id FROM conversation_contacts cc JOIN conversations v ON v.id = cc.conversation_id",
                    "SELECT system || '|' || object || '|' || external_id FROM identity_links")) {
                List<String> expected = ref.queryForList(sql, String.class);
                List<String> actual = db.queryForList(sql, String.class);
                assertThat(expected).as(sql).isNotEmpty();
                assertThat(actual).as("no duplicates: " + sql).doesNotHaveDuplicates();
                assertThat(new HashSet<>(actual)).as(sql).isEqualTo(new HashSet<>(expected));
            }
            assertThat(count(db, "SELECT count(*) FROM sync_runs WHERE outcome = 'running'")).isZero();
            assertThat(count(db, "SELECT count(*) FROM sync_runs WHERE outcome = 'failed' AND message LIKE 'interrupted%'")).isEqualTo(2);
        }
    }

    private static Map<String, Object> props(Path dir, String jdbcUrl, IntercomSandbox sandbox, Path mappings, int port) {
        Map<String, Object> props = TestService.defaults(dir);
        props.put("server.port", String.valueOf(port));
        props.put("spring.datasource.url", jdbcUrl);
        props.put("spring.datasource.username", "postgres");
        props.put("spring.datasource.password", "");
        props.put("sync.intercom.access-token", "kill-test");
        props.put("sync.intercom.base-url", sandbox.baseUrl());
        props.put("sync.intercom.page-size", "50");
        props.put("sync.mappings", mappings.toString());
        props.put("spring.jmx.enabled", "false");
        return props;
    }

    private static JdbcTemplate jdbc(String url) {
        return new JdbcTemplate(new DriverManagerDataSource(url));
    }

    private static long count(JdbcTemplate db, String sql) {
        return db.queryForObject(sql, Long.class);
    }

    private static int freePort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** The service as its own OS process, driven through its REST API. */
    private record Node(Process process, int port) {
        static Node start(Path dir, Map<String, Object> props) throws Exception {
            List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xmx256m", "-Djava.io.tmpdir=" + System.getProperty("java.io.tmpdir"),
                    "-cp", System.getProperty("java.class.path"), SyncApplication.class.getName()));
            props.forEach((k, v) -> command.add("--" + k + "=" + v));
            Files.createDirectories(dir);
            File log = dir.resolve("service.log").toFile();
            Node node = new Node(new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log).start(),
                    Integer.parseInt((String) props.get("server.port")));
            // Up when its flows are scheduled, not merely when its web server answers.
            await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(500)).until(() ->
                    Files.readString(log.toPath()).contains("Started SyncApplication"));
            return node;
        }

        int call(String method, String path) {
            try {
                HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                        .method(method, HttpRequest.BodyPublishers.noBody())
                        .header("X-Requested-With", "XMLHttpRequest") // the same-origin proof a state change needs
                        .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                                (TestService.ADMIN + ":" + TestService.ADMIN_PASSWORD).getBytes(StandardCharsets.UTF_8))).build();
                return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
            } catch (Exception e) {
                return -1;
            }
        }

        void fire(String flow) {
            assertThat(call("POST", "/api/sync/" + flow + "/run")).isEqualTo(202);
        }

        void runAndWait(JdbcTemplate db, String flow) {
            long before = count(db, "SELECT count(*) FROM sync_runs WHERE flow = '" + flow + "' AND outcome = 'succeeded'");
            fire(flow);
            await().atMost(Duration.ofMinutes(2)).until(() ->
                    count(db, "SELECT count(*) FROM sync_runs WHERE flow = '" + flow + "' AND outcome = 'succeeded'") > before);
        }

        void kill() throws InterruptedException {
            process.destroyForcibly().waitFor(); // SIGKILL: no shutdown hook, no graceful stop
        }
    }
}
