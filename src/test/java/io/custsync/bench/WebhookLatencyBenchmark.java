package io.custsync.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.custsync.TestService;
import io.custsync.sandbox.intercom.IntercomControl;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;

/**
 * Near real time (README): a change in the Intercom sandbox → the row in the store, through the sandbox's signed
 * webhook and the service's inbox, fetch and write, with every schedule set to 2099. {@code bench.changes} changes
 * (1,000 by default) to as many contacts, {@code bench.changes-per-second} apart; p50/p99 of change → row. The
 * scheduled path as the reference: the same changes read by one incremental run of intercom-contacts, whose latency
 * is the wait for the schedule (on average half its interval, at worst all of it) plus that run. Results go to
 * target/bench/webhook-latency.md.
 */
class WebhookLatencyBenchmark {

    private final int changes = Integer.getInteger("bench.changes", 1000);
    private final int perSecond = Integer.getInteger("bench.changes-per-second", 50);

    @Test
    void changeToRow() throws Exception {
        Map<String, Object> props = TestService.defaults(TestService.newStoreDir());
        props.put("sync.intercom.sandbox.seed", "11");
        props.put("sync.intercom.sandbox.companies", "200");
        props.put("sync.intercom.sandbox.contacts", Integer.toString(changes + 100));
        props.put("sync.intercom.sandbox.conversations", "20");
        props.put("sync.intercom.sandbox.tickets", "10");
        props.put("sync.webhooks.intercom.client-secret", "bench-secret");
        try (TestService service = TestService.start(props)) {
            IntercomControl sandbox = service.sandbox();
            assertThat(service.runFlow("intercom-companies")).containsEntry("outcome", "succeeded");
            assertThat(service.runFlow("intercom-contacts")).containsEntry("outcome", "succeeded");
            sandbox.webhooks().subscribe(service.url("/webhooks/intercom"), "bench-secret", Set.of("contact.user.updated", "contact.lead.updated"));

            Map<String, Long> changedAt = new ConcurrentHashMap<>();
            Map<String, Long> landedAt = new ConcurrentHashMap<>();
            Thread watcher = new Thread(() -> watch(service, changedAt, landedAt), "bench-watcher");
            watcher.setDaemon(true);
            watcher.start();
            long gapNanos = 1_000_000_000L / perSecond;
            long start = System.nanoTime();
            for (int i = 0; i < changes; i++) {
                long due = start + i * gapNanos;
                while (System.nanoTime() < due) {
                    Thread.onSpinWait();
                }
                String id = sandbox.contactId(i);
                String name = "lat-" + i;
                changedAt.put(name, System.nanoTime());
                sandbox.updateContact(id, Map.of("name", name), null);
            }
            Instant deadline = Instant.now().plus(Duration.ofMinutes(5));
            while (landedAt.size() < changes && Instant.now().isBefore(deadline)) {
                Thread.sleep(100);
            }
            watcher.interrupt();
            long[] millis = landedAt.entrySet().stream().mapToLong(e -> (e.getValue() - changedAt.get(e.getKey())) / 1_000_000).sorted().toArray();

            // The scheduled path: the same kind of changes, read by one incremental run.
            sandbox.webhooks().unsubscribeAll();
            for (int i = 0; i < changes; i++) {
                sandbox.updateContact(sandbox.contactId(i), Map.of("name", "sched-" + i), null);
            }
            Map<String, Object> run = service.runFlow("intercom-contacts");
            long runMillis = Duration.between(((java.sql.Timestamp) run.get("started_at")).toInstant(),
                    ((java.sql.Timestamp) run.get("finished_at")).toInstant()).toMillis();
            long scheduled = service.count("SELECT count(*) FROM contacts WHERE name LIKE 'sched-%'");

            String report = report(millis, runMillis, scheduled);
            Path out = Path.of("target", "bench");
            Files.createDirectories(out);
            Files.writeString(out.resolve("webhook-latency.md"), report);
            System.out.println(report);
            assertThat(millis.length).as("changes that landed").isEqualTo(changes);
            assertThat(scheduled).isEqualTo(changes);
        }
    }

    private static void watch(TestService service, Map<String, Long> changedAt, Map<String, Long> landedAt) {
        while (!Thread.currentThread().isInterrupted()) {
            long now = System.nanoTime();
            for (String name : service.jdbc().queryForList("SELECT name FROM contacts WHERE name LIKE 'lat-%'", String.class)) {
                if (changedAt.containsKey(name)) {
                    landedAt.putIfAbsent(name, now);
                }
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private String report(long[] millis, long runMillis, long scheduled) {
        Map<String, Long> p = new HashMap<>();
        p.put("p50", percentile(millis, 0.50));
        p.put("p99", percentile(millis, 0.99));
        p.put("max", millis.length == 0 ? -1 : millis[millis.length - 1]);
        long interval = 15 * 60_000L;
        return "# Near real time: change in the Intercom sandbox → row in the store\n\n"
                + "machine: " + Runtime.getRuntime().availableProcessors() + " cores, Java " + System.getProperty("java.version")
                + "; date: " + Instant.now() + "\n\n"
                + "| path | changes | p50 | p99 | max |\n|---|---|---|---|---|\n"
                + "| webhook (" + perSecond + " changes/s) | " + millis.length + " of " + changes + " | " + p.get("p50") + " ms | "
                + p.get("p99") + " ms | " + p.get("max") + " ms |\n"
                + "| schedule (intercom-contacts every 15 min; one incremental run of " + scheduled + " changes took " + runMillis
                + " ms) | " + scheduled + " | " + (interval / 2 + runMillis) + " ms | " + (long) (interval * 0.99 + runMillis)
                + " ms | " + (interval + runMillis) + " ms |\n\n"
                + "The scheduled figures assume changes spread evenly over the interval: each waits for the next run "
                + "(on average half the interval), then that run.\n"
                + "Sorted webhook latencies (ms), deciles: " + Arrays.toString(deciles(millis)) + "\n";
    }

    private static long percentile(long[] sorted, double q) {
        if (sorted.length == 0) {
            return -1;
        }
        int index = (int) Math.ceil(q * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }

    private static long[] deciles(long[] sorted) {
        long[] d = new long[11];
        for (int i = 0; i <= 10; i++) {
            d[i] = percentile(sorted, Math.max(0.001, i / 10.0));
        }
        return d;
    }
}
