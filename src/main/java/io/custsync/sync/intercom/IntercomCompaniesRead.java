package io.custsync.sync.intercom;

import io.custsync.sync.Flow;
import com.fasterxml.jackson.databind.JsonNode;
import io.custsync.intercom.IntercomApiException;
import io.custsync.intercom.IntercomConnection;
import io.custsync.intercom.IntercomProperties;
import io.custsync.intercom.IntercomRequest;
import io.custsync.mapping.Mappings;
import io.custsync.store.CustomerStore;
import io.custsync.store.CustomerStore.CustomerRow;
import io.custsync.store.CustomerStore.Upserted;
import io.custsync.store.IdentityLinks;
import io.custsync.store.IdentityMatches.Probe;
import io.custsync.sync.identity.Matching.Resolution;
import io.custsync.sync.identity.IdentityResolver;
import io.custsync.sync.identity.Domains;
import io.custsync.sync.JsonRecord;
import io.custsync.sync.PageWriter;
import io.custsync.sync.PageWriter.Outcome;
import io.custsync.sync.Replayable;
import io.custsync.sync.SyncRun;
import io.custsync.sync.SyncRuns;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The {@code intercom-companies} flow's logic: a full companies scroll each run (Intercom has no updated-at
 * filter for companies), upserting customers; churn-on-missing after a complete scroll only. A scroll that
 * fails mid-way (5xx, expired) cannot be resumed, so it is started again from the beginning.
 */
@Component("intercomCompaniesRead")
public class IntercomCompaniesRead implements Replayable {

    public static final String STATE = "scroll";
    static final String SYSTEM = "intercom";
    static final String OBJECT = "customers";

    private static final Logger log = LoggerFactory.getLogger(IntercomCompaniesRead.class);

    /** Where a run's scroll is; the route loops while {@link #isHasNext()}. */
    public static final class State {
        private String scrollParam;
        private boolean hasNext = true;
        private int restarts;
        private Exception failure;

        public boolean isHasNext() { return hasNext; }
    }

    private final IntercomConnection connection;
    private final CustomerStore customers;
    private final IdentityLinks links;
    private final PageWriter pages;
    private final Mappings mappings;
    private final IdentityResolver resolver;
    private final int maxRestarts;

    public IntercomCompaniesRead(IntercomConnection connection, CustomerStore customers, IdentityLinks links, PageWriter pages,
                                 Mappings mappings, IntercomProperties properties, IdentityResolver resolver) {
        this.connection = connection;
        this.resolver = resolver;
        this.customers = customers;
        this.links = links;
        this.pages = pages;
        this.mappings = mappings;
        this.maxRestarts = properties.getMaxScrollRestarts();
    }

    public void start(Exchange exchange) {
        SyncRun run = SyncRuns.current(exchange);
        State state = new State();
        exchange.setProperty(STATE, state);
        if (run.isSkipped()) {
            state.hasNext = false;
            return;
        }
        if (!connection.usable()) {
            run.skip("Intercom needs re-authentication: " + connection.reason());
            state.hasNext = false;
            return;
        }
        request(exchange, state);
    }

    /** Stores one scroll page; an empty page is the end of a complete scroll. */
    public void storePage(Exchange exchange) {
        SyncRun run = SyncRuns.current(exchange);
        State state = exchange.getProperty(STATE, State.class);
        JsonNode page = exchange.getIn().getBody(JsonNode.class);
        JsonNode data = page.path("data");
        if (!data.isArray() || data.isEmpty()) {
            state.hasNext = false;
            run.markComplete();
            return;
        }
        List<JsonNode> companies = new ArrayList<>(data.size());
        data.forEach(companies::add);
        pages.writePage(run, OBJECT, "id", companies, records -> store(run, records), null);
        state.scrollParam = page.path("scroll_param").asText(null);
        if (state.scrollParam == null) {
            throw new IntercomApiException("GET /companies/scroll", 200, "no_scroll_param", "a non-empty page without scroll_param");
        }
        request(exchange, state);
    }

    /**
     * The scroll broke (5xx, timeout, expired scroll): start it again from the beginning, a few times per run.
     * Rows already written stay; every company is seen again, so churn still counts on a complete scroll.
     */
    public void restart(Exchange exchange) {
        State state = exchange.getProperty(STATE, State.class);
        Exception failure = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        boolean restartable = failure instanceof IntercomApiException.Transient
                || (failure instanceof IntercomApiException api && api.status() == 404 && state.scrollParam != null);
        if (!restartable || state.restarts >= maxRestarts) {
            // Raised by finish(), outside the route's doTry, where the flow's error handling fails the run.
            state.failure = failure;
            state.hasNext = false;
            return;
        }
        state.restarts++;
        log.warn("Companies scroll broke ({}); starting it again from the beginning (restart {} of {})",
                failure.getMessage(), state.restarts, maxRestarts);
        state.scrollParam = null;
        request(exchange, state);
    }

    /** After the last page: churn-on-missing, only when Intercom is the churn source and the scroll was complete. */
    public void finish(Exchange exchange) throws Exception {
        State state = exchange.getProperty(STATE, State.class);
        if (state.failure != null) {
            throw state.failure;
        }
        SyncRun run = SyncRuns.current(exchange);
        boolean churn = mappings.churnOnMissing().decidedBy(SYSTEM);
        if (!churn || !run.isComplete()) {
            return;
        }
        List<String> churned = customers.churnUnseen(SYSTEM, run.id(), run.startedAt());
        if (!churned.isEmpty()) {
            log.info("Churn-on-missing: {} customer(s) no longer in Intercom marked churned: {}", churned.size(),
                    churned.size() > 20 ? churned.subList(0, 20) + " …" : churned);
            run.written(churned.size());
        }
    }

    @Override
    public Flow flow() {
        return Flow.INTERCOM_COMPANIES;
    }

    @Override
    public Outcome replay(SyncRun run, JsonNode company) {
        return store(run, List.of(company)).get(0);
    }

    /** Stores companies (a page, or one) as customers in two statements whatever their number. */
    private List<Outcome> store(SyncRun run, List<JsonNode> companies) {
        List<CustomerRow> rows = new ArrayList<>(companies.size());
        List<JsonRecord> records = new ArrayList<>(companies.size());
        List<Probe> probes = new ArrayList<>(companies.size());
        for (JsonNode company : companies) {
            JsonRecord record = new JsonRecord(company);
            probes.add(new Probe(record.requiredText("id"), record.requiredText(field("customer-id")),
                    mapped("domain") ? Domains.matchable(record.text(field("domain"))) : null));
            records.add(record);
        }
        // A company seen for the first time may be a customer we already hold (say, from Salesforce): its row's key.
        List<Resolution> resolved = resolver.customers(SYSTEM, probes);
        for (int i = 0; i < records.size(); i++) {
            JsonRecord record = records.get(i);
            rows.add(new CustomerRow(
                    resolved.get(i).key(),
                    mapped("name") ? record.text(field("name")) : null,
                    mapped("domain") ? CustomerStore.domainOf(record.text(field("domain"))) : null,
                    mapped("stage") ? record.text(field("stage")) : null,
                    mapped("profile") ? record.text(field("profile")) : null,
                    mapped("name"), mapped("domain"), mapped("stage"), mapped("profile")));
        }
        Map<String, Upserted> upserted = customers.upsert(rows);
        List<IdentityLinks.Link> newLinks = new ArrayList<>(rows.size());
        List<Outcome> outcomes = new ArrayList<>(rows.size());
        for (int i = 0; i < rows.size(); i++) {
            String intercomId = records.get(i).requiredText("id");
            Upserted done = upserted.get(rows.get(i).customerId());
            if (done.reactivated()) {
                log.info("Customer {} reappeared in Intercom (company {}): no longer churned", rows.get(i).customerId(), intercomId);
            }
            newLinks.add(new IdentityLinks.Link(intercomId, done.id(), records.get(i).epoch("updated_at")));
            outcomes.add(done.changed() ? Outcome.WRITTEN : Outcome.UNCHANGED);
        }
        links.link(SYSTEM, OBJECT, newLinks, run.id());
        return outcomes;
    }

    private void request(Exchange exchange, State state) {
        IntercomRequest request = IntercomRequest.get("/companies/scroll",
                state.scrollParam == null ? null : "scroll_param=" + state.scrollParam);
        exchange.setProperty(IntercomRequest.PROPERTY, request.withoutTransientRetry());
    }

    private String field(String name) {
        return mappings.fieldOf("customers", SYSTEM, name);
    }

    private boolean mapped(String name) {
        return !Mappings.DISABLED.equals(field(name));
    }
}
