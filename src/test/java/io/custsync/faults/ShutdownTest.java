package io.custsync.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.custsync.SyncApplication;
import io.custsync.TestService;
import io.custsync.sync.Flow;
import io.custsync.sandbox.common.Faults;
import io.custsync.sandbox.intercom.IntercomSandbox;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The service stopped as an operator stops it (SIGTERM: Ctrl-C, docker stop, systemd) while a run waits for a slow
 * Intercom answer: it stops within seconds, the flows before the embedded PostgreSQL, with the run recorded as
 * interrupted and no errors from a store that went away first.
 */
class ShutdownTest {

    @Test
    void aStopWithARunInFlightEndsTheRunAsInterruptedBeforeTheStoreStops() throws Exception {
        Path dir = TestService.newStoreDir().toAbsolutePath();
        Files.createDirectories(dir);
        Path mappings = dir.resolve("mappings.yaml");
        Files.writeString(mappings, """
                crm: intercom
                objects:
                  customers:
                    intercom: { mode: input }
                  contacts:
                    intercom: { mode: input }
                """);
        try (IntercomSandbox intercom = IntercomSandbox.builder().seed(7).companies(20).contacts(200).token("shutdown-test").port(0)
                .build().start()) {
            // Every contacts search page takes a second and a half: the service is stopped while the run pages on.
            intercom.control().addFault(Faults.on("POST", "/contacts/search").latency(1500).times(1000));
            Map<String, Object> props = TestService.defaults(dir);
            props.put("sync.mappings", mappings);
            props.put("sync.intercom.access-token", "shutdown-test");
            props.put("sync.intercom.base-url", intercom.baseUrl());
            props.put("sync.intercom.page-size", "20");
            for (Flow flow : Flow.values()) {
                props.remove("sync.schedules." + flow.id() + ".cron"); // the schedule fires companies, then contacts
            }
            List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xmx512m", "-cp", System.getProperty("java.class.path"), SyncApplication.class.getName()));
            props.forEach((k, v) -> command.add("--" + k + "=" + v));
            Path log = dir.resolve("service.log");
            Process service = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            try {
                await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(200))
                        .until(() -> intercom.control().counters().count("POST /contacts/search") >= 3 || !service.isAlive());
                assertThat(service.isAlive()).as("service running; log:%n%s", Files.readString(log)).isTrue();

                long started = System.nanoTime();
                service.destroy(); // SIGTERM
                boolean stopped = service.waitFor(60, TimeUnit.SECONDS);
                long tookMillis = (System.nanoTime() - started) / 1_000_000;
                String output = Files.readString(log);
                assertThat(stopped).as("stopped within a minute").isTrue();
                assertThat(tookMillis).as("stop took %d ms; log:%n%s", tookMillis, output).isLessThan(10_000);
                assertThat(output).doesNotContain("Connection refused").doesNotContainIgnoringCase("connection attempt failed");
                assertThat(output.lines().filter(l -> l.contains(" ERROR ")).toList()).as(output).isEmpty();
            } finally {
                service.destroyForcibly().waitFor();
            }
        }
        // The store says the run ended as interrupted: not left 'running', and not a generic failure.
        try (TestService.StoppedStore store = TestService.reopenStore(dir)) {
            JdbcTemplate db = store.jdbc();
            List<Map<String, Object>> runs = db.queryForList("SELECT outcome, message, records_written FROM sync_runs WHERE flow = 'intercom-contacts' "
                    + "AND outcome <> 'skipped' ORDER BY id");
            assertThat(runs).hasSize(1);
            assertThat(runs.get(0)).containsEntry("outcome", "failed");
            assertThat((Long) runs.get(0).get("records_written")).isBetween(40L, 180L);
            assertThat((String) runs.get(0).get("message")).contains("interrupted").contains("service stopped");
        }
    }
}
