package io.custsync.sync.webhooks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.custsync.intercom.IntercomApiException;
import io.custsync.intercom.IntercomConnection;
import io.custsync.intercom.IntercomRequest;
import io.custsync.mapping.Mappings;
import io.custsync.store.WebhookInbox;
import io.custsync.store.WebhookInbox.Claimed;
import io.custsync.store.WebhookInbox.Status;
import io.custsync.sync.DeadLetters;
import io.custsync.sync.Flow;
import io.custsync.sync.FlowPlan;
import io.custsync.sync.PageWriter;
import io.custsync.sync.Replayable;
import io.custsync.sync.RunsInFlight;
import io.custsync.sync.SyncRun;
import io.custsync.sync.SyncRuns;
import io.custsync.sync.intercom.IntercomContactsRead;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The {@code intercom-webhook-inbox} route's steps: claims the notifications due in the inbox, fetches each named
 * record as it is now through {@code direct:intercom-call} (paced to the rate limit like every flow's calls) and
 * stores it with its flow's own mapping and write ({@link Replayable}; a batch's records of one flow as one {@link PageWriter} page), so the
 * rules of the scheduled flows hold: an object whose mode does not read from Intercom is ignored, a conversation of
 * no known customer is left out. A record named by several notifications of a batch (a burst, a redelivery) is
 * fetched once. Since what is written is always the fetched record, duplicates and late or out-of-order
 * notifications cannot bring back old values.
 * <p>
 * A record gone at Intercom (404) ends its notifications; one that cannot be stored is its flow's dead letter; a
 * failing call or store is tried again later with a doubling wait, and after {@code max-attempts} kept as a dead letter.
 */
@Component("intercomWebhookDrain")
public class IntercomWebhookDrain {

    /** The sync_runs rows of webhook batches go under this name (not the flow's: they are not its runs). */
    public static final String RUNS = "intercom-webhooks";
    public static final String BATCH = "webhookBatch";
    public static final String ITEM = "webhookItem";
    private static final String SOURCE = IntercomWebhookReceiver.SOURCE;
    private static final Logger log = LoggerFactory.getLogger(IntercomWebhookDrain.class);

    /** The notifications of one record, fetched and stored once. */
    public record Item(Flow flow, String recordId, List<String> notificationIds, int attempts) {}

    /** One drain's work: the route fetches its {@link #getItems()} side by side (a split), then {@link #finish} writes them. */
    public static final class Batch {
        private final List<Item> items = new ArrayList<>();
        private final Map<Flow, SyncRun> runs = new EnumMap<>(Flow.class);
        private final Map<Flow, Integer> notifications = new EnumMap<>(Flow.class);
        /** Fetched records waiting to be written, per flow: one transaction per flow and batch, not one per record. */
        private final Map<Flow, Map<Item, JsonNode>> fetched = new ConcurrentHashMap<>();
        /** The workspace's tags (id → name), read once for a batch with contacts: their roles go by tag name. */
        private Map<String, String> tagNames;

        public List<Item> getItems() { return items; }
        public boolean isNeedsTags() { return notifications.containsKey(Flow.INTERCOM_CONTACTS); }
    }

    private final WebhookInbox inbox;
    private final WebhookProperties properties;
    private final SyncRuns runs;
    private final PageWriter pages;
    private final DeadLetters deadLetters;
    private final TransactionTemplate transactions;
    private final Mappings mappings;
    private final FlowPlan plan;
    private final IntercomConnection connection;
    private final ObjectMapper json;
    private final Map<Flow, Replayable> writers;
    private final IntercomContactsRead contacts;
    private final AtomicBoolean woken = new AtomicBoolean(true);
    private volatile long lastLook;

    public IntercomWebhookDrain(WebhookInbox inbox, WebhookProperties properties, SyncRuns runs, PageWriter pages,
                                DeadLetters deadLetters, TransactionTemplate transactions, Mappings mappings, FlowPlan plan,
                                IntercomConnection connection, ObjectMapper json, List<Replayable> writers, IntercomContactsRead contacts) {
        this.contacts = contacts;
        this.inbox = inbox;
        this.properties = properties;
        this.runs = runs;
        this.pages = pages;
        this.deadLetters = deadLetters;
        this.transactions = transactions;
        this.mappings = mappings;
        this.plan = plan;
        this.connection = connection;
        this.json = json;
        this.writers = writers.stream().collect(Collectors.toMap(Replayable::flow, Function.identity()));
    }

    /** A notification arrived: the next tick looks at the inbox instead of waiting for the sweep. */
    void wake() {
        woken.set(true);
    }

    /** Claims the due notifications (when woken, or at each sweep interval) and groups them by record. */
    public void claim(Exchange exchange) {
        Batch batch = new Batch();
        exchange.setProperty(BATCH, batch);
        long now = System.nanoTime();
        boolean sweep = now - lastLook >= properties.getSweepInterval().toNanos();
        if (!woken.getAndSet(false) && !sweep) {
            return;
        }
        lastLook = now;
        if (!connection.usable()) {
            return; // nothing can be fetched: the notifications wait, without spending their attempts
        }
        List<Claimed> claimed = inbox.claim(SOURCE, properties.getBatchSize(), properties.getClaim());
        if (claimed.size() == properties.getBatchSize()) {
            woken.set(true); // more are waiting: the next tick goes on at once
        }
        Map<String, List<Claimed>> byRecord = new LinkedHashMap<>();
        for (Claimed c : claimed) {
            byRecord.computeIfAbsent(c.flow() + "/" + c.recordId(), k -> new ArrayList<>()).add(c);
        }
        for (List<Claimed> notifications : byRecord.values()) {
            Claimed first = notifications.get(0);
            List<String> ids = notifications.stream().map(Claimed::notificationId).toList();
            int attempts = notifications.stream().mapToInt(Claimed::attempts).max().orElse(1);
            Optional<Flow> flow = Flow.byId(first.flow());
            Optional<String> ignored = flow.isEmpty() ? Optional.of("no flow " + first.flow()) : whyIgnored(flow.get());
            if (ignored.isPresent()) {
                inbox.settle(SOURCE, ids, Status.IGNORED, null, ignored.get());
                continue;
            }
            batch.items.add(new Item(flow.get(), first.recordId(), ids, attempts));
            batch.notifications.merge(flow.get(), ids.size(), Integer::sum);
        }
        // Opened before the fetches run side by side, which then only read this map.
        batch.notifications.keySet().forEach(flow -> run(batch, flow));
    }

    /** Why notifications of this flow are not acted on: its object's mode does not read from Intercom, or it waits for a first run. */
    private Optional<String> whyIgnored(Flow flow) {
        if (!flow.enabledBy(mappings)) {
            return Optional.of(flow.modeSwitch() + " does not read from Intercom");
        }
        for (Flow first : plan.waitsFor(flow)) {
            if (first.enabledBy(mappings) && !inbox.everSucceeded(first.id())) {
                // the flow's own first run, which waits for it too, reads this record anyway
                return Optional.of("waiting for the first complete run of " + first.id());
            }
        }
        return Optional.empty();
    }

    /** The call that lists the workspace's tags, before a batch's contacts are fetched. */
    public void tags(Exchange exchange) {
        exchange.setProperty(IntercomRequest.PROPERTY, IntercomRequest.get("/tags", null));
    }

    public void tagsRead(Exchange exchange) {
        Map<String, String> names = new java.util.HashMap<>();
        exchange.getIn().getBody(JsonNode.class).path("data").forEach(tag -> names.put(tag.path("id").asText(), tag.path("name").asText()));
        exchange.getProperty(BATCH, Batch.class).tagNames = names;
    }

    /** Tags could not be read: the batch's contacts are stored with their roles left as they are (the next run sets them). */
    public void tagsFailed(Exchange exchange) {
        Exception failure = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        log.info("Intercom tags could not be read for webhook contacts ({}); their roles are left to the next run",
                failure == null ? "unknown" : failure.getMessage());
    }

    /** One record's fetch (the split's item), made by direct:intercom-call. */
    public void next(Exchange exchange) {
        Batch batch = exchange.getProperty(BATCH, Batch.class);
        Item item = exchange.getIn().getBody(Item.class);
        exchange.setProperty(ITEM, item);
        exchange.setProperty(SyncRun.PROPERTY, run(batch, item.flow()));
        exchange.setProperty(IntercomRequest.PROPERTY, IntercomNotification.fetch(item.flow(), item.recordId()));
    }

    /** The fetched record, written with the others of its flow when the batch's fetches are done. */
    public void fetched(Exchange exchange) {
        Batch batch = exchange.getProperty(BATCH, Batch.class);
        Item item = exchange.getProperty(ITEM, Item.class);
        batch.fetched.computeIfAbsent(item.flow(), f -> new ConcurrentHashMap<>()).put(item, exchange.getIn().getBody(JsonNode.class));
    }

    /**
     * Each flow's fetched records through its mapping and write, as one page (one transaction): a record that cannot be
     * stored is rolled back alone and kept as a dead letter, the rest land.
     */
    private void store(Batch batch) {
        batch.fetched.forEach((flow, records) -> {
            SyncRun run = run(batch, flow);
            Replayable writer = writers.get(flow);
            Set<String> stored = new HashSet<>();
            try {
                pages.write(run, flow.object(), "id", records.values(), record -> {
                    PageWriter.Outcome outcome = flow == Flow.INTERCOM_CONTACTS
                            ? contacts.storeChanged(run, record, batch.tagNames) : writer.replay(run, record);
                    stored.add(record.path("id").asText(""));
                    return outcome;
                }, null);
            } catch (RuntimeException e) {
                records.forEach((item, record) -> retryOrGiveUp(run, item, e, record));
                return;
            }
            List<String> done = new ArrayList<>();
            List<String> failed = new ArrayList<>();
            records.forEach((item, record) -> (stored.contains(item.recordId()) ? done : failed).addAll(item.notificationIds()));
            inbox.settle(SOURCE, done, Status.DONE, run.id(), null);
            inbox.settle(SOURCE, failed, Status.FAILED, run.id(), "the record could not be stored: kept as a dead letter of " + flow.id());
        });
        batch.fetched.clear();
    }

    /** The fetch failed for good (after direct:intercom-call's own retries). */
    public void failed(Exchange exchange) {
        Batch batch = exchange.getProperty(BATCH, Batch.class);
        Item item = exchange.getProperty(ITEM, Item.class);
        Exception failure = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        SyncRun run = run(batch, item.flow());
        if (failure instanceof IntercomApiException.Merged merged) {
            inbox.settle(SOURCE, item.notificationIds(), Status.GONE, run.id(), "merged into " + merged.canonicalPath());
        } else if (failure instanceof IntercomApiException api && api.status() == 404) {
            // deleted or archived since: the notification has nothing left to fetch (the schedules keep what they keep)
            inbox.settle(SOURCE, item.notificationIds(), Status.GONE, run.id(), "not found at Intercom");
        } else if (failure instanceof IntercomApiException api && !(api instanceof IntercomApiException.Transient)
                && !(api instanceof IntercomApiException.RateLimited) && !(api instanceof IntercomApiException.Unauthorized)
                && api.status() >= 400 && api.status() < 500) {
            giveUp(run, item, failure, null); // refused as asked: asking again would be refused again
        } else {
            retryOrGiveUp(run, item, failure, null);
        }
    }

    /** After the batch: each flow's run ends with its counts. */
    public void finish(Exchange exchange) {
        Batch batch = exchange.getProperty(BATCH, Batch.class);
        if (batch == null) {
            return;
        }
        store(batch);
        batch.runs.forEach((flow, run) -> runs.end(run, true,
                batch.notifications.getOrDefault(flow, 0) + " webhook notification(s) of " + flow.id()));
        batch.runs.clear();
    }

    /** The drain itself failed (the store is down): what it claimed is claimed until the claim runs out, then retried. */
    public void drainFailed(Exchange exchange) {
        Exception failure = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        log.warn("Intercom webhook inbox could not be drained: {}", failure == null ? "unknown failure" : failure.getMessage());
        Batch batch = exchange.getProperty(BATCH, Batch.class);
        if (batch != null) {
            batch.runs.forEach((flow, run) -> {
                try {
                    runs.end(run, false, "webhook drain failed: " + (failure == null ? "unknown" : failure.getMessage()));
                } catch (RuntimeException e) {
                    log.debug("run {} could not be ended", run.id(), e);
                }
            });
            batch.runs.clear();
        }
    }

    private SyncRun run(Batch batch, Flow flow) {
        return batch.runs.computeIfAbsent(flow, f -> runs.beginNearRealTime(RUNS, f));
    }

    private void retryOrGiveUp(SyncRun run, Item item, Exception failure, JsonNode record) {
        if (failure instanceof RunsInFlight.Stopping) {
            inbox.retryLater(SOURCE, item.notificationIds(), Duration.ZERO, "the service stopped before it was fetched");
            return;
        }
        if (item.attempts() >= properties.getMaxAttempts()) {
            giveUp(run, item, failure, record);
            return;
        }
        Duration wait = properties.getRetryDelay().multipliedBy(1L << Math.min(item.attempts() - 1, 10));
        log.info("Intercom {} {} (webhook) not synced yet, attempt {} of {}: {}; trying again in {} s", item.flow().object(),
                item.recordId(), item.attempts(), properties.getMaxAttempts(), failure.getMessage(), wait.toSeconds());
        inbox.retryLater(SOURCE, item.notificationIds(), wait, reason(failure));
    }

    /** Kept as the flow's dead letter (the record as fetched, or what the notification said of it when none could be). */
    private void giveUp(SyncRun run, Item item, Exception failure, JsonNode record) {
        JsonNode kept = record;
        if (kept == null) {
            ObjectNode stub = json.createObjectNode();
            stub.put("id", item.recordId());
            stub.put("webhook_notifications", String.join(",", item.notificationIds()));
            kept = stub;
        }
        JsonNode letter = kept;
        String reason = reason(failure);
        log.warn("Intercom {} {} (webhook) given up after {} attempt(s) and kept as a dead letter of {}: {}", item.flow().object(),
                item.recordId(), item.attempts(), item.flow().id(), reason);
        transactions.executeWithoutResult(status -> {
            deadLetters.addRecord(run, item.flow().object(), "id", letter, "webhook_fetch_failed", reason);
            inbox.settle(SOURCE, item.notificationIds(), Status.FAILED, run.id(), reason);
        });
    }

    private static String reason(Exception failure) {
        return failure == null ? "unknown failure" : failure.getClass().getSimpleName() + ": " + failure.getMessage();
    }
}
