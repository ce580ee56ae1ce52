package io.custsync.sync.salesforce;

import io.custsync.sync.PushAction;
import io.custsync.store.PushLedger;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.custsync.mapping.Mappings;
import io.custsync.salesforce.SalesforceConnection;
import io.custsync.salesforce.SalesforceProperties;
import io.custsync.store.IdentityLinks;
import io.custsync.store.Checkpoints;
import io.custsync.mapping.Mode;
import io.custsync.store.SalesforceStore;
import io.custsync.sync.DeadLetters;
import io.custsync.sync.JsonRecord;
import io.custsync.sync.SyncRun;
import io.custsync.sync.SyncRuns;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.apache.camel.Exchange;
import org.apache.camel.component.salesforce.SalesforceEndpointConfig;
import org.apache.camel.component.salesforce.api.dto.RestError;
import org.apache.camel.component.salesforce.api.dto.SaveSObjectResult;
import org.apache.camel.component.salesforce.api.dto.UpsertSObjectResult;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The shape every Salesforce output flow shares: local rows changed since the flow's checkpoint (minus the
 * lookback), page by page; for each, the mapped fields whose value differs from the push ledger; those sent
 * as one upsert by the external-id field (when one is mapped) or one update by Id. A record Salesforce
 * refuses (validation rule, duplicate value, several matches, gone) is kept as a dead letter and the push
 * goes on; the same write is not sent again until the record changes (or its letter is replayed), and a record
 * that lands later resolves its letter. Anything else (login, limits, outage) fails the run. The route is
 * routes/salesforce-push.camel.yaml; in a dry run it counts the batches ({@link #wouldWrite}) instead of sending them.
 */
public abstract class SalesforcePush {

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(SalesforcePush.class);
    public static final String STATE = "sfPush";
    public static final String WRITE = "sfWrite";
    static final ObjectMapper JSON = new ObjectMapper();

    public static final class State {
        private boolean hasNextPage;
        private Instant afterTime;
        private long afterId;
        private boolean hasLookupPage;
        private String lookupOperation;
        /** Whatever the diff needs to resolve from Salesforce first, e.g. User Ids by email. */
        final Map<String, String> lookups = new java.util.HashMap<>();
        /** Two-way: the page's writes wait for a read of their records' current values ({@link #checkQuery}). */
        private List<Write> writes = List.of();
        private String checkQuery;
        /** Set by a diff that found no Salesforce record to write to (nothing to update, no external id to upsert by). */
        private boolean notAddressable;

        public boolean isHasNextPage() { return hasNextPage; }
        /** The SOQL that reads the current values of the records a two-way page is about to write; null: none. */
        public String getCheckQuery() { return checkQuery; }
        public boolean isHasLookupPage() { return hasLookupPage; }
        /** query (the first page) or queryMore. */
        public String getLookupOperation() { return lookupOperation; }
    }

    /** One record to write: where, how, which fields, and the local values the ledger will hold afterwards. */
    public static final class Write {
        final long localId;
        final String localKey;
        final boolean upsert;
        final String idField;
        final String idValue;
        final Map<String, Object> body;
        final Map<String, String> agreed;
        /** The Salesforce record it writes, when known (linked); the local row it comes from. */
        final String sfId;
        final SalesforceStore.LocalRow row;
        private final Map<String, List<String>> fieldsOfKey;
        /** What a dead letter keeps of it, and its hash: the version "refused before" compares. */
        private byte[] payload;

        Write(SalesforceStore.LocalRow row, String localKey, boolean upsert, String idField, String idValue, String sfId, Changes changes) {
            this.localId = row.id();
            this.row = row;
            this.localKey = localKey;
            this.upsert = upsert;
            this.idField = idField;
            this.idValue = idValue;
            this.sfId = sfId;
            this.body = changes.body;
            this.agreed = changes.agreed;
            this.fieldsOfKey = changes.fieldsOfKey;
        }

        public boolean isUpsert() { return upsert; }

        /** Leaves one mapping key out of the write (its Salesforce fields and its ledger value). */
        void drop(String key) {
            fieldsOfKey.getOrDefault(key, List.of()).forEach(body::remove);
            agreed.remove(key);
            payload = null;
        }

        /** The write as a dead letter keeps it: the object, how the record is found, the fields sent. */
        byte[] payload(String sObject) {
            if (payload == null) {
                Map<String, Object> kept = new LinkedHashMap<>();
                kept.put("sObject", sObject);
                kept.put(upsert ? idField : "Id", idValue);
                kept.put("fields", body);
                try {
                    payload = JSON.writeValueAsString(kept).getBytes(StandardCharsets.UTF_8);
                } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                    throw new IllegalStateException(e);
                }
            }
            return payload;
        }
    }

    /**
     * What a record's write sends: each mapping key whose local value differs from what the ledger holds puts its
     * Salesforce fields in the body (a value never synced and empty here is not sent: there is nothing to say).
     */
    static final class Changes {
        final Map<String, Object> body = new LinkedHashMap<>();
        final Map<String, String> agreed = new LinkedHashMap<>();
        final Map<String, List<String>> fieldsOfKey = new LinkedHashMap<>();
        private final Map<String, String> hashes;

        Changes(Map<String, String> hashes) {
            this.hashes = hashes;
        }

        void diff(String key, String localValue, Runnable put) {
            String known = hashes.get(key);
            if (known == null ? localValue == null : known.equals(PushLedger.hash(localValue))) {
                return;
            }
            List<String> before = new ArrayList<>(body.keySet());
            put.run();
            List<String> added = new ArrayList<>(body.keySet());
            added.removeAll(before);
            fieldsOfKey.put(key, added);
            agreed.put(key, localValue);
        }

        boolean isEmpty() {
            return body.isEmpty();
        }
    }

    protected final SalesforceConnection connection;
    protected final Mappings mappings;
    protected final Checkpoints checkpoints;
    protected final TransactionTemplate transactions;
    protected final PushLedger ledger;
    protected final IdentityLinks links;
    protected final SalesforceStore store;
    private final DeadLetters deadLetters;
    private final SalesforceProperties properties;
    private final TwoWayRules rules;
    /** The read flow of the same object: the fields it reads and how it turns them into local values. */
    private final SalesforceRead reader;

    protected SalesforcePush(SalesforceConnection connection, Mappings mappings, Checkpoints checkpoints, TransactionTemplate transactions,
                             PushLedger ledger, IdentityLinks links, SalesforceStore store, DeadLetters deadLetters,
                             SalesforceProperties properties, TwoWayRules rules, SalesforceRead reader) {
        this.connection = connection;
        this.mappings = mappings;
        this.checkpoints = checkpoints;
        this.transactions = transactions;
        this.ledger = ledger;
        this.links = links;
        this.store = store;
        this.deadLetters = deadLetters;
        this.properties = properties;
        this.rules = rules;
        this.reader = reader;
    }

    protected abstract String sObject();

    protected abstract String object();

    protected abstract List<SalesforceStore.LocalRow> changedSince(Instant time, long id, int limit);

    /** One local row by id (a replay pushes it again), if it still exists. */
    protected abstract Optional<SalesforceStore.LocalRow> row(long id);

    /** The row's own key (customer id, contact id): how dead letters and reports name it. */
    protected abstract String key(SalesforceStore.LocalRow row);

    /** What {@link #diff} returns for a row it cannot write: no linked record, and no external id to upsert by. */
    protected Optional<Write> notAddressable(State state) {
        state.notAddressable = true;
        return Optional.empty();
    }

    /** What to write for one local row, or empty when nothing differs from the ledger (or it cannot be addressed). */
    protected abstract Optional<Write> diff(State state, SalesforceStore.LocalRow row);

    /** When the local value behind a mapping key last changed (null: unknown). */
    protected abstract Instant localTime(SalesforceStore.LocalRow row, String key);

    /** A SOQL query whose records the diff needs before the first page (null: none). */
    protected String lookupQuery() {
        return null;
    }

    /** One record of the lookup query. */
    protected void lookedUp(State state, JsonNode record) {
    }

    public void start(Exchange exchange) {
        SyncRun run = SyncRuns.current(exchange);
        State state = new State();
        exchange.setProperty(STATE, state);
        if (run.isSkipped()) {
            return;
        }
        if (!connection.configured()) {
            run.skip("Salesforce is not configured");
            return;
        }
        Optional<Checkpoints.Checkpoint> checkpoint = checkpoints.get(run.flow());
        state.afterTime = checkpoint.map(c -> c.time().minus(properties.getLookback())).orElse(Instant.EPOCH);
        // Within the lookback every row is looked at again (re-reads cost no call: nothing differs from the ledger).
        state.afterId = checkpoint.isPresent() && properties.getLookback().isZero() ? Long.parseLong(checkpoint.get().id()) : 0;
        state.hasNextPage = true;
        String lookup = lookupQuery();
        if (lookup != null) {
            state.hasLookupPage = true;
            state.lookupOperation = "query";
            exchange.getIn().setHeader(SalesforceEndpointConfig.SOBJECT_QUERY, lookup);
        }
    }

    /** One page of the lookup query; sets up the next one, if any. */
    public void lookupPage(Exchange exchange) throws Exception {
        SyncRun run = SyncRuns.current(exchange);
        State state = exchange.getProperty(STATE, State.class);
        run.apiCall();
        connection.succeeded();
        JsonNode page = JSON.readTree(exchange.getIn().getBody(String.class));
        page.path("records").forEach(r -> lookedUp(state, r));
        if (page.path("done").asBoolean(true)) {
            state.hasLookupPage = false;
            exchange.getIn().removeHeader(SalesforceEndpointConfig.SOBJECT_QUERY);
        } else {
            state.lookupOperation = "queryMore";
            exchange.getIn().setHeader(SalesforceEndpointConfig.SOBJECT_QUERY, page.path("nextRecordsUrl").asText());
        }
    }

    /** A failed lookup call fails the run (health shows why). */
    public void failed(Exchange exchange) throws Exception {
        Exception e = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        connection.failed(SalesforceRead.describe(e));
        throw e;
    }

    /**
     * The next page of local changes, as the writes they need (rows with nothing to send are skipped, and their
     * open dead letters resolved: they agree with Salesforce now). A replay's one page is its one row.
     */
    public void nextPage(Exchange exchange) {
        SyncRun run = SyncRuns.current(exchange);
        State state = exchange.getProperty(STATE, State.class);
        int size = properties.getPushPageSize();
        List<SalesforceStore.LocalRow> rows = run.replayOf() == null ? changedSince(state.afterTime, state.afterId, size)
                : List.of(row(run.replayOf()).orElseThrow(() -> new IllegalStateException(
                        object() + " " + run.replayOf() + " is no longer in the store: nothing to replay")));
        List<Write> writes = new ArrayList<>();
        List<String> unchanged = new ArrayList<>();
        for (SalesforceStore.LocalRow row : rows) {
            run.read(1);
            state.notAddressable = false;
            Optional<Write> write = diff(state, row);
            if (write.isPresent()) {
                writes.add(write.get());
            } else {
                run.skipped(1);
                run.report().count(state.notAddressable ? PushAction.NOT_LINKED : PushAction.UNCHANGED, key(row));
                if (!state.notAddressable) {
                    unchanged.add(key(row));
                }
            }
            state.afterTime = row.updatedAt();
            state.afterId = row.id();
        }
        deadLetters.resolve(run, object(), unchanged);
        state.hasNextPage = run.replayOf() == null && rows.size() == size;
        state.writes = writes;
        state.checkQuery = mappings.mode(object(), "salesforce") == Mode.TWO_WAY ? checkQuery(writes) : null;
    }

    private static final java.util.regex.Pattern SALESFORCE_ID = java.util.regex.Pattern.compile("[a-zA-Z0-9]{15}([a-zA-Z0-9]{3})?");

    /**
     * Two-way: the current values of the linked records about to be written, so that a change made in Salesforce
     * since the last read is not overwritten unseen. Ids are checked to be Salesforce ids before they are put in
     * the SOQL (SOQL has no bound parameters).
     */
    private String checkQuery(List<Write> writes) {
        List<String> ids = writes.stream().map(w -> w.sfId).filter(id -> id != null && SALESFORCE_ID.matcher(id).matches())
                .distinct().map(id -> "'" + id + "'").toList();
        if (ids.isEmpty()) {
            return null;
        }
        Set<String> fields = new LinkedHashSet<>(List.of("Id", "SystemModstamp"));
        fields.addAll(reader.mappedFields());
        return "SELECT " + String.join(", ", fields) + " FROM " + sObject() + " WHERE Id IN (" + String.join(", ", ids) + ")";
    }

    /**
     * Two-way, with the records' current values read: a field that Salesforce changed since the last agreement,
     * to another value than ours, is a conflict; the newer change wins ({@link TwoWayRules#beforePush}). A field
     * Salesforce wins is left out of the write; a write left with nothing is not sent.
     */
    public void reconcile(Exchange exchange) throws Exception {
        SyncRun run = SyncRuns.current(exchange);
        State state = exchange.getProperty(STATE, State.class);
        run.apiCall();
        connection.succeeded();
        Map<String, JsonNode> current = new java.util.HashMap<>();
        JSON.readTree(exchange.getIn().getBody(String.class)).path("records").forEach(r -> current.put(r.path("Id").asText(), r));
        exchange.getIn().removeHeader(SalesforceEndpointConfig.SOBJECT_QUERY);
        state.checkQuery = null;
        Map<String, Map<String, String>> ledgered = ledger.hashes("salesforce", object(), current.keySet());
        List<Write> kept = new ArrayList<>();
        for (Write write : state.writes) {
            JsonNode record = write.sfId == null ? null : current.get(write.sfId);
            if (record != null) {
                JsonRecord remote = new JsonRecord(record);
                Map<String, String> values = reader.remoteValues(remote);
                Instant remoteTime = SalesforceTime.parse("SystemModstamp", remote.requiredText("SystemModstamp"));
                Map<String, String> hashes = ledgered.getOrDefault(write.sfId, Map.of());
                for (String key : new ArrayList<>(write.agreed.keySet())) {
                    if (values.containsKey(key) && rules.beforePush(object(), write.localId, write.sfId, key, values.get(key), remoteTime,
                            write.agreed.get(key), localTime(write.row, key), hashes.get(key), !run.dryRun()) == TwoWayRules.PushDecision.LEAVE_TO_READ) {
                        log.info("{} {}: {} was changed in Salesforce after ours; the newer Salesforce value is kept and read next",
                                object(), write.localKey, key);
                        write.drop(key);
                    }
                }
            }
            if (write.body.isEmpty()) {
                run.skipped(1);
                run.report().count(PushAction.NEWER_IN_SALESFORCE, write.localKey);
            } else {
                kept.add(write);
            }
        }
        state.writes = kept;
    }

    /** Records written in one sObject Collections call: all upserts by the same external-id field, or all updates by Id. */
    public static final class Batch {
        final boolean upsert;
        final String idField;
        final List<Write> writes = new ArrayList<>();

        Batch(boolean upsert, String idField) {
            this.upsert = upsert;
            this.idField = idField;
        }

        public boolean isUpsert() { return upsert; }
    }

    /**
     * The page's writes in sObject Collections calls of at most 200 records, upserts and updates apart. A write
     * Salesforce refused before, unchanged since (its letter open, or discarded), is not sent again; a replay sends it.
     */
    public List<Batch> batches(Exchange exchange) {
        SyncRun run = SyncRuns.current(exchange);
        State state = exchange.getProperty(STATE, State.class);
        Map<String, Set<String>> refused = run.replayOf() != null ? Map.of()
                : deadLetters.refusedVersions(run.flow(), object(), state.writes.stream().map(w -> w.localKey).toList());
        List<Write> sent = new ArrayList<>();
        for (Write write : state.writes) {
            if (refused.getOrDefault(write.localKey, Set.of()).contains(DeadLetters.version(write.payload(sObject())))) {
                run.skipped(1);
                run.report().count(PushAction.STILL_REFUSED, write.localKey);
                continue;
            }
            sent.add(write);
        }
        List<Batch> batches = new ArrayList<>();
        for (List<Write> call : collections(sent, write -> write.upsert + ":" + write.idField, COLLECTION_LIMIT)) {
            Batch batch = new Batch(call.get(0).upsert, call.get(0).idField);
            batch.writes.addAll(call);
            batches.add(batch);
        }
        return batches;
    }

    /** Salesforce takes at most this many records per sObject Collections call. */
    static final int COLLECTION_LIMIT = 200;

    /**
     * Items in calls of at most {@code limit}, each call of one kind, in order: an item joins the open call of its kind,
     * or opens the next one when there is none or it is full. Calls come in the order they were opened.
     */
    static <T> List<List<T>> collections(List<T> items, Function<T, String> kind, int limit) {
        List<List<T>> calls = new ArrayList<>();
        Map<String, List<T>> open = new LinkedHashMap<>();
        for (T item : items) {
            List<T> call = open.get(kind.apply(item));
            if (call == null || call.size() == limit) {
                call = new ArrayList<>();
                open.put(kind.apply(item), call);
                calls.add(call);
            }
            call.add(item);
        }
        return calls;
    }

    /** Puts one batch on the exchange as camel-salesforce takes it: the records, the object and the external-id field. */
    public void prepare(Exchange exchange) {
        Batch batch = exchange.getIn().getBody(Batch.class);
        exchange.setProperty(WRITE, batch);
        exchange.getIn().removeHeaders("sObject*");
        exchange.getIn().setHeader(SalesforceEndpointConfig.SOBJECT_NAME, sObject());
        if (batch.upsert) {
            exchange.getIn().setHeader(SalesforceEndpointConfig.SOBJECT_EXT_ID_NAME, batch.idField);
        }
        List<Map<String, Object>> records = new ArrayList<>(batch.writes.size());
        for (Write write : batch.writes) {
            Map<String, Object> record = new LinkedHashMap<>();
            record.put("attributes", Map.of("type", sObject()));
            record.put(write.upsert ? write.idField : "Id", write.idValue);
            record.putAll(write.body);
            records.add(record);
        }
        exchange.getIn().setBody(records);
    }

    /**
     * A dry run's batch, in place of the call: counted as the write it would be — an update of a linked record, or
     * an upsert by the external-id field (Salesforce creates the record, or updates the one holding that id).
     */
    public void wouldWrite(Exchange exchange) {
        SyncRun run = SyncRuns.current(exchange);
        Batch batch = exchange.getIn().getBody(Batch.class);
        for (Write write : batch.writes) {
            run.report().count(write.sfId != null || !write.upsert ? PushAction.UPDATE : PushAction.UPSERT, write.localKey);
        }
    }

    /**
     * Salesforce answered the batch record by record: a record it took is linked, the ledger holds what we sent,
     * and its open dead letter is resolved; a record it refused (validation rule, duplicate value, several
     * matches, gone) is a dead letter (its open one updated, when it has one).
     */
    public void written(Exchange exchange) throws Exception {
        SyncRun run = SyncRuns.current(exchange);
        Batch batch = exchange.getProperty(WRITE, Batch.class);
        run.apiCall();
        connection.succeeded();
        List<?> results = exchange.getIn().getBody(List.class);
        List<String> landed = new ArrayList<>();
        for (int i = 0; i < batch.writes.size(); i++) {
            Write write = batch.writes.get(i);
            SaveSObjectResult result = i < results.size() ? (SaveSObjectResult) results.get(i) : null;
            if (result != null && Boolean.TRUE.equals(result.getSuccess())) {
                String target = result.getId() != null ? result.getId() : write.sfId;
                transactions.executeWithoutResult(tx -> {
                    if (target != null) {
                        write.agreed.forEach((field, value) -> ledger.put("salesforce", object(), target, field, value));
                        links.link("salesforce", object(), target, write.localId, null, null);
                    }
                });
                run.written(1);
                boolean created = result instanceof UpsertSObjectResult upserted && Boolean.TRUE.equals(upserted.getCreated());
                run.report().count(created ? PushAction.CREATE : PushAction.UPDATE, write.localKey);
                landed.add(write.localKey);
            } else {
                List<RestError> errors = result == null || result.getErrors() == null ? List.of() : result.getErrors();
                String code = errors.stream().map(RestError::getErrorCode).findFirst().orElse("NO_RESULT");
                String message = errors.isEmpty() ? "Salesforce gave no result for this record"
                        : String.join("; ", errors.stream().map(RestError::getMessage).toList());
                byte[] payload = write.payload(sObject());
                deadLetters.add(run, object(), write.localKey, write.localId, payload, DeadLetters.version(payload), code, message);
                run.report().count(PushAction.DEAD_LETTERED, write.localKey);
            }
        }
        deadLetters.resolve(run, object(), landed);
    }

    /** The whole call failed (login, API limit, outage, a malformed request): the run fails; nothing was written. */
    public void rejected(Exchange exchange) throws Exception {
        Exception e = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        connection.failed(SalesforceRead.describe(e));
        throw e;
    }

    /** The checkpoint moves after a real run only: never after a dry run or a replay (one record, out of order). */
    public void finish(Exchange exchange) {
        SyncRun run = SyncRuns.current(exchange);
        State state = exchange.getProperty(STATE, State.class);
        if (run.isSkipped()) {
            return;
        }
        if (!run.dryRun() && run.replayOf() == null && state.afterId > 0) {
            checkpoints.advance(run.flow(), state.afterTime, String.valueOf(state.afterId));
        }
        run.note(run.report().summary());
    }


    protected String field(String name) {
        return mappings.fieldOf(object(), "salesforce", name);
    }

    protected boolean mapped(String name) {
        return !Mappings.DISABLED.equals(field(name));
    }
}
