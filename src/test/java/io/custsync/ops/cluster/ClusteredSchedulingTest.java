package io.custsync.ops.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.custsync.SyncApplication;
import io.custsync.TestService;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.File;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Two service processes on one PostgreSQL with sync.cluster.enabled=true: every scheduled fire runs on exactly
 * one of them, and when one is killed (-9) the other keeps firing.
 */
class ClusteredSchedulingTest {

    private static final String FLOW = "intercom-companies";

    @Test
    void eachFireRunsOnceAndASurvivorKeepsFiring() throws Exception {
        Path dir = TestService.newStoreDir();
        try (EmbeddedPostgres store = EmbeddedPostgres.builder().setDataDirectory(dir.resolve("shared-pg"))
                .setOverrideWorkingDirectory(TestService.POSTGRES_BIN.toFile()).setServerConfig("unix_socket_directories", "").start()) {
            String url = store.getJdbcUrl("postgres", "postgres");
            JdbcTemplate db = new JdbcTemplate(store.getPostgresDatabase());
            List<Process> nodes = new ArrayList<>();
            try {
                nodes.add(node(dir, url, "a"));
                nodes.add(node(dir, url, "b"));
                // Two JVMs starting at once on a loaded 2-core CI machine can take long; a node that died says why.
                try {
                    await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofSeconds(1)).until(() -> {
                        for (Process p : nodes) {
                            if (!p.isAlive()) {
                                throw new IllegalStateException("node pid " + p.pid() + " exited with " + p.exitValue());
                            }
                        }
                        return checkedIn(db) == 2;
                    });
                } catch (RuntimeException | Error e) {
                    throw new AssertionError("nodes did not both check in (" + checkedIn(db) + " did)\n" + logTails(dir), e);
                }
                await().atMost(Duration.ofSeconds(40)).until(() -> fires(db).size() >= 6);

                // Each scheduled fire time ran once, on one node; fires come every 2 s without gaps.
                assertThat(runsPerFire(db)).allSatisfy(n -> assertThat(n).isEqualTo(1L));
                List<Timestamp> fires = fires(db);
                for (int i = 1; i < fires.size(); i++) {
                    assertThat(fires.get(i).getTime() - fires.get(i - 1).getTime()).isEqualTo(2000);
                }

                // Kill -9 the node that ran the latest fire; the other goes on firing alone.
                String lastNode = db.queryForObject("SELECT node FROM sync_runs WHERE flow = ? ORDER BY fired_at DESC LIMIT 1", String.class, FLOW);
                Process victim = nodes.stream().filter(p -> lastNode.contains(":" + p.pid() + ":")).findFirst().orElseThrow();
                Process survivor = nodes.stream().filter(p -> p != victim).findFirst().orElseThrow();
                victim.destroyForcibly().waitFor();
                Timestamp killedAt = db.queryForObject("SELECT now()::timestamp(0)", Timestamp.class);
                await().atMost(Duration.ofSeconds(60)).until(() -> db.queryForObject(
                        "SELECT count(*) FROM sync_runs WHERE flow = ? AND fired_at > ? AND outcome = 'succeeded'", Long.class,
                        FLOW, new Timestamp(killedAt.getTime() + 4000)) >= 3);
                assertThat(db.queryForList("SELECT DISTINCT node FROM sync_runs WHERE flow = ? AND fired_at > ?", String.class,
                        FLOW, new Timestamp(killedAt.getTime() + 4000))).allSatisfy(n -> assertThat(n).contains(":" + survivor.pid() + ":"));
                assertThat(runsPerFire(db)).allSatisfy(n -> assertThat(n).isEqualTo(1L));
            } finally {
                for (Process p : nodes) {
                    p.destroyForcibly().waitFor();
                }
            }
        }
    }

    private static String logTails(Path dir) {
        StringBuilder out = new StringBuilder();
        for (String name : List.of("a", "b")) {
            Path log = dir.resolve("node-" + name + ".log");
            try {
                List<String> lines = java.nio.file.Files.readAllLines(log);
                out.append("--- node ").append(name).append(" (last 40 lines of ").append(log).append(")\n");
                lines.subList(Math.max(0, lines.size() - 40), lines.size()).forEach(l -> out.append(l).append('\n'));
            } catch (java.io.IOException e) {
                out.append("--- node ").append(name).append(": no log (").append(e).append(")\n");
            }
        }
        return out.toString();
    }

    private static long checkedIn(JdbcTemplate db) {
        try {
            return db.queryForObject("SELECT count(*) FROM qrtz_scheduler_state", Long.class);
        } catch (Exception e) {
            return 0; // tables not migrated yet
        }
    }

    private static List<Timestamp> fires(JdbcTemplate db) {
        try {
            return db.queryForList("SELECT DISTINCT fired_at FROM sync_runs WHERE flow = ? AND fired_at IS NOT NULL ORDER BY fired_at",
                    Timestamp.class, FLOW);
        } catch (Exception e) {
            return List.of();
        }
    }

    private static List<Long> runsPerFire(JdbcTemplate db) {
        return db.queryForList("SELECT count(*) FROM sync_runs WHERE flow = ? AND fired_at IS NOT NULL GROUP BY fired_at", Long.class, FLOW);
    }

    /** One service instance as its own process, on the shared store, with the companies flow every 2 seconds. */
    private static Process node(Path dir, String jdbcUrl, String name) throws Exception {
        Map<String, Object> props = TestService.defaults(dir.resolve(name));
        props.put("spring.datasource.url", jdbcUrl);
        props.put("spring.datasource.username", "postgres");
        props.put("spring.datasource.password", "");
        props.put("sync.cluster.enabled", "true");
        props.put("sync.cluster.checkin-interval", "2s");
        props.put("sync.schedules." + FLOW + ".cron", "0/2 * * * * ?");
        props.put("sync.intercom.sandbox.companies", "10");
        props.put("spring.jmx.enabled", "false");
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-Djava.io.tmpdir=" + System.getProperty("java.io.tmpdir"),
                "-cp", System.getProperty("java.class.path"), SyncApplication.class.getName()));
        props.forEach((k, v) -> command.add("--" + k + "=" + v));
        File log = dir.resolve("node-" + name + ".log").toFile();
        log.getParentFile().mkdirs();
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log).start();
    }
}
