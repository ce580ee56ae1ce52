package io.custsync.sync.salesforce;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.custsync.mapping.Mappings;
import io.custsync.mapping.Mode;
import io.custsync.salesforce.SalesforceConnection;
import io.custsync.salesforce.SalesforceProperties;
import io.custsync.store.Checkpoints;
import io.custsync.sync.JsonRecord;
import io.custsync.sync.PageWriter;
import io.custsync.sync.PageWriter.Outcome;
import io.custsync.sync.Replayable;
import io.custsync.sync.SyncRun;
import io.custsync.sync.SyncRuns;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.camel.Exchange;
import org.apache.camel.component.salesforce.SalesforceEndpointConfig;
import org.apache.camel.component.salesforce.api.SalesforceException;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The shape every Salesforce input flow shares: an incremental {@code queryAll} on SystemModstamp from the
 * flow's checkpoint (minus a small lookback, ties broken by Id), followed page by page through
 * {@code nextRecordsUrl}; then, where churn needs it, a sweep of the whole view's Ids. The route
 * (routes/salesforce-query.camel.yaml) makes the calls; this class builds them and stores the answers.
 */
public abstract class SalesforceRead implements Replayable {

    public static final String STATE = "sfRead";
    static final ObjectMapper JSON = new ObjectMapper();

    /** Where a run is; the route loops while {@link #isHasNextPage()} and calls {@link #getOperation()}. */
    public static final class State {
        private boolean hasNextPage;
        private String operation;
        private boolean sweeping;
        private Mode mode;

        public boolean isHasNextPage() { return hasNextPage; }
        /** queryAll (changes, deletes included), queryMore (the next page), query (the view sweep). */
        public String getOperation() { return operation; }
        public Mode mode() { return mode; }
    }

    protected final SalesforceConnection connection;
    protected final Mappings mappings;
    protected final PageWriter pages;
    protected final Checkpoints checkpoints;
    protected final TransactionTemplate transactions;
    private final Duration lookback;

    protected SalesforceRead(SalesforceConnection connection, Mappings mappings, PageWriter pages, Checkpoints checkpoints,
                             TransactionTemplate transactions, SalesforceProperties properties) {
        this.connection = connection;
        this.mappings = mappings;
        this.pages = pages;
        this.checkpoints = checkpoints;
        this.transactions = transactions;
        this.lookback = properties.getLookback();
    }

    /** Account or Contact. */
    protected abstract String sObject();

    /** customers or contacts: the local object and the mappings.yaml section. */
    protected abstract String object();

    /** The fields the mapping reads (unmapped and disabled ones are never in the SOQL). */
    protected abstract Set<String> mappedFields();

    /** A record's mapped fields in local form, by mapping key (the push ledger's keys). */
    abstract Map<String, String> remoteValues(JsonRecord record);

    protected abstract Outcome store(SyncRun run, State state, JsonRecord record);

    /** A kept record (its dead letter) through the same mapping and store write as a run's page. */
    @Override
    public Outcome replay(SyncRun run, JsonNode record) {
        State state = new State();
        state.mode = mappings.mode(object(), "salesforce");
        return store(run, state, new JsonRecord(record));
    }

    /** Whether this run ends with a sweep of the view's Ids (churn-on-missing needs one). */
    protected boolean sweeps() {
        return false;
    }

    /** One Id seen by the sweep. */
    protected void seen(SyncRun run, String id) {
    }

    /** After a complete read (changes and, where there is one, the sweep). */
    protected void afterCompleteRead(SyncRun run) {
    }

    public void start(Exchange exchange) {
        SyncRun run = SyncRuns.current(exchange);
        State state = new State();
        state.mode = mappings.mode(object(), "salesforce");
        exchange.setProperty(STATE, state);
        if (run.isSkipped()) {
            return;
        }
        if (!connection.configured()) {
            run.skip("Salesforce is not configured");
            return;
        }
        Instant since = checkpoints.get(run.flow()).map(c -> c.time()).map(t -> t.minus(lookback).truncatedTo(ChronoUnit.SECONDS))
                .orElse(null);
        Set<String> fields = new LinkedHashSet<>(List.of("Id", "IsDeleted", "SystemModstamp"));
        fields.addAll(mappedFields());
        List<String> where = new ArrayList<>();
        String view = view();
        if (!view.isBlank()) {
            where.add("(" + view + ")");
        }
        if (since != null) {
            where.add("SystemModstamp >= " + since);
        }
        String soql = "SELECT " + String.join(", ", fields) + " FROM " + sObject()
                + (where.isEmpty() ? "" : " WHERE " + String.join(" AND ", where)) + " ORDER BY SystemModstamp, Id";
        call(exchange, state, "queryAll", soql);
    }

    /** Stores one page and sets up the next call: the next page, the sweep, or none. */
    public void storePage(Exchange exchange) throws Exception {
        SyncRun run = SyncRuns.current(exchange);
        State state = exchange.getProperty(STATE, State.class);
        run.apiCall();
        connection.succeeded();
        JsonNode page = JSON.readTree(exchange.getIn().getBody(String.class));
        JsonNode records = page.path("records");
        if (state.sweeping) {
            transactions.executeWithoutResult(tx -> records.forEach(r -> seen(run, r.path("Id").asText())));
        } else if (!records.isEmpty()) {
            JsonNode last = vouched(run, records);
            pages.write(run, object(), "Id", records, r -> store(run, state, new JsonRecord(r)), last == null ? null
                    : () -> checkpoints.advance(run.flow(), SalesforceTime.parse("SystemModstamp", last.path("SystemModstamp").asText()), last.path("Id").asText()));
        }
        if (!page.path("done").asBoolean(true)) {
            call(exchange, state, "queryMore", page.path("nextRecordsUrl").asText());
        } else if (!state.sweeping && sweeps()) {
            state.sweeping = true;
            String view = view();
            call(exchange, state, "query", "SELECT Id FROM " + sObject() + (view.isBlank() ? "" : " WHERE " + view));
        } else {
            state.hasNextPage = false;
            run.markComplete();
        }
    }

    /**
     * The page's last record whose SystemModstamp the checkpoint may take, or null. A query's rows are fixed when it
     * runs but each page shows them as they are when fetched: a record changed since comes at its old place with its
     * new SystemModstamp, which says nothing of the rows still to come. So only times from before the run's start
     * (less the look-back, for clocks and late commits) move the checkpoint; the next run reads the rest again.
     */
    private JsonNode vouched(SyncRun run, JsonNode records) {
        Instant before = run.startedAt().minus(lookback);
        JsonNode last = null;
        for (JsonNode record : records) {
            String time = record.path("SystemModstamp").asText(null);
            Instant at = time == null ? null : parseOrNull(time);
            if (at != null && at.isBefore(before)) {
                last = record; // in ORDER BY SystemModstamp, Id: the newest such record is the last one
            }
        }
        return last;
    }

    private static Instant parseOrNull(String time) {
        try {
            return SalesforceTime.parse("SystemModstamp", time);
        } catch (RuntimeException e) {
            return null; // the record itself is dead-lettered when stored
        }
    }

    public void finish(Exchange exchange) {
        SyncRun run = SyncRuns.current(exchange);
        if (!run.isSkipped() && run.isComplete()) {
            afterCompleteRead(run);
        }
    }

    /** A failed call: health shows why, and the run fails (nothing after an incomplete read is churned). */
    public void failed(Exchange exchange) throws Exception {
        Exception e = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        connection.failed(describe(e));
        throw e;
    }

    static String describe(Throwable e) {
        Throwable t = e;
        while (t != null && !(t instanceof SalesforceException) && t.getCause() != null) {
            t = t.getCause();
        }
        if (t instanceof SalesforceException se && se.getStatusCode() > 0) {
            return "HTTP " + se.getStatusCode() + ": " + se.getMessage();
        }
        return t == null ? String.valueOf(e) : t.getClass().getSimpleName() + ": " + t.getMessage();
    }

    protected String view() {
        return mappings.salesforceView(object());
    }

    protected String field(String name) {
        return mappings.fieldOf(object(), "salesforce", name);
    }

    protected boolean mapped(String name) {
        return !Mappings.DISABLED.equals(field(name));
    }

    private static void call(Exchange exchange, State state, String operation, String queryOrUrl) {
        state.hasNextPage = true;
        state.operation = operation;
        exchange.getIn().setBody(null);
        exchange.getIn().setHeader(SalesforceEndpointConfig.SOBJECT_QUERY, queryOrUrl);
    }
}
