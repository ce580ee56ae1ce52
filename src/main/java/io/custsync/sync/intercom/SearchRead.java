package io.custsync.sync.intercom;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.custsync.intercom.IntercomApiException;
import io.custsync.intercom.IntercomConnection;
import io.custsync.intercom.IntercomProperties;
import io.custsync.intercom.IntercomRequest;
import io.custsync.store.Checkpoints;
import io.custsync.store.Checkpoints.Checkpoint;
import io.custsync.sync.SyncRun;
import io.custsync.sync.SyncRuns;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import org.apache.camel.Exchange;

/**
 * The shape shared by the Intercom search flows (contacts, conversations, tickets), driven by the
 * {@code intercom-search-flow} route template: optional setup calls, then pages of
 * {@code POST /<object>/search} on {@code updated_at} from the checkpoint, each page with its follow-up
 * calls (sub-lists, full conversations) before it is stored in one transaction with the checkpoint.
 *
 * <p>A run's search (query, sort, page size) is fixed before its first page and sent unchanged with every
 * cursor: Intercom documents {@code starting_after} only as the way through "a result set", so a cursor is
 * never sent with any other query, even when the checkpoint the query came from has moved since. Nor does a
 * cursor outlive its page: one that Intercom refuses (used already by a retried call, expired) starts the
 * search again from the checkpoint as it stands, a few times per run.
 */
public abstract class SearchRead {

    public static final String STATE = "search";
    /** Searches started again per run after a refused cursor, before the run fails. */
    static final int MAX_RESTARTS = 3;
    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(SearchRead.class);

    /** What a flow does with the answer to one of its follow-up calls. */
    protected interface Answered {
        void accept(Exchange exchange, JsonNode answer);
    }

    /** What a flow does when one of its follow-up calls failed for good; rethrowing fails the run. */
    protected interface Refused {
        void refused(Exchange exchange, IntercomApiException failure);
    }

    /** A call made besides the pages, carrying its own handlers: the answer goes back to what asked for it. */
    protected record FollowUp(IntercomRequest request, Answered answered, Refused refused) {}

    /** A run's progress; the route loops on {@link #isHasNextPage()} and {@link #isHasFollowUp()}. */
    public static class State {
        private SearchRead flow;
        private final Deque<FollowUp> followUps = new ArrayDeque<>();
        /** The follow-up call the route is making. */
        private FollowUp current;
        private boolean hasNextPage = true;
        private String startingAfter;
        /** The run's search without its cursor: fixed at the first page. */
        private ObjectNode search;
        private int restarts;
        private List<JsonNode> page = List.of();
        Instant from;
        Instant until;

        public boolean isHasNextPage() { return hasNextPage; }
        public boolean isHasFollowUp() { return !followUps.isEmpty(); }
        public List<JsonNode> page() { return page; }
        /** A follow-up call whose failure fails the run. */
        public void followUp(IntercomRequest request, Answered answered) {
            followUp(request, answered, (exchange, failure) -> { throw failure; });
        }
        public void followUp(IntercomRequest request, Answered answered, Refused refused) {
            followUps.add(new FollowUp(request, answered, refused));
        }
    }

    protected final IntercomConnection connection;
    protected final Checkpoints checkpoints;
    protected final ObjectMapper json;
    protected final int pageSize;

    protected SearchRead(IntercomConnection connection, Checkpoints checkpoints, ObjectMapper json, IntercomProperties properties) {
        this.connection = connection;
        this.checkpoints = checkpoints;
        this.json = json;
        this.pageSize = properties.getPageSize();
    }

    /** e.g. {@code /contacts/search} */
    protected abstract String searchPath();

    /** The array that holds the records in a search answer: {@code data}, {@code conversations}, {@code tickets}. */
    protected abstract String listKey();

    /** The search filter for this run, from the checkpoint (empty on the first run); asked once per run. */
    protected abstract ObjectNode query(State state, Optional<Checkpoint> checkpoint, Instant runStart);

    /** Ascending sort where the endpoint supports it (contacts); null otherwise. */
    protected ObjectNode sort() {
        return null;
    }

    /** Calls to make before the first page (e.g. tag names). */
    protected void setup(State state) {}

    /** A page arrived: queue what must be fetched before it can be stored. */
    protected void onPage(Exchange exchange, State state) {}

    /** Stores the page, and the checkpoint with it when the sort order allows, in one transaction. */
    protected abstract void store(Exchange exchange, State state);

    /** After the last page (e.g. a checkpoint that only a complete run may set). */
    protected void complete(Exchange exchange, State state) {}

    protected State newState() {
        return new State();
    }

    public void start(Exchange exchange) {
        SyncRun run = SyncRuns.current(exchange);
        State state = newState();
        state.flow = this;
        exchange.setProperty(STATE, state);
        if (run.isSkipped()) {
            state.hasNextPage = false;
            return;
        }
        if (!connection.usable()) {
            run.skip("Intercom needs re-authentication: " + connection.reason());
            state.hasNextPage = false;
            return;
        }
        state.until = run.startedAt();
        setup(state);
    }

    public void nextFollowUp(Exchange exchange) {
        State state = exchange.getProperty(STATE, State.class);
        state.current = state.followUps.poll();
        exchange.setProperty(IntercomRequest.PROPERTY, state.current == null ? null : state.current.request());
    }

    public void followUp(Exchange exchange) {
        exchange.getProperty(STATE, State.class).current.answered().accept(exchange, exchange.getIn().getBody(JsonNode.class));
    }

    public void followUpFailed(Exchange exchange) throws Exception {
        Exception failure = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        if (!(failure instanceof IntercomApiException api)) {
            throw failure;
        }
        exchange.getProperty(STATE, State.class).current.refused().refused(exchange, api);
    }

    public void nextPage(Exchange exchange) {
        State state = exchange.getProperty(STATE, State.class);
        if (state.search == null) {
            SyncRun run = SyncRuns.current(exchange);
            ObjectNode search = json.createObjectNode();
            search.set("query", query(state, checkpoints.get(run.flow()), state.until));
            search.putObject("pagination").put("per_page", pageSize);
            ObjectNode sort = sort();
            if (sort != null) {
                search.set("sort", sort);
            }
            state.search = search;
        }
        ObjectNode body = state.search.deepCopy();
        if (state.startingAfter != null) {
            // In the body (a query-string cursor is ignored), and only ever with the search that returned it.
            ((ObjectNode) body.get("pagination")).put("starting_after", state.startingAfter);
        }
        exchange.setProperty(IntercomRequest.PROPERTY, IntercomRequest.post(searchPath(), body.toString()));
    }

    /**
     * A page call failed for good. A refused cursor (400 parameter_invalid on a page that carried one) starts the
     * search again: a new query from the checkpoint as it stands, without a cursor. Anything else fails the run.
     */
    public void pageFailed(Exchange exchange) throws Exception {
        Exception failure = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        State state = exchange.getProperty(STATE, State.class);
        boolean refusedCursor = failure instanceof IntercomApiException api && api.status() == 400
                && "parameter_invalid".equals(api.code()) && state.startingAfter != null;
        if (!refusedCursor || state.restarts >= MAX_RESTARTS) {
            throw failure;
        }
        state.restarts++;
        log.warn("{}: Intercom refused the search cursor ({}); searching again from the checkpoint (restart {} of {})",
                SyncRuns.current(exchange).flow(), failure.getMessage(), state.restarts, MAX_RESTARTS);
        state.search = null;
        state.startingAfter = null;
        state.page = List.of();
        state.hasNextPage = true;
    }

    public void readPage(Exchange exchange) {
        State state = exchange.getProperty(STATE, State.class);
        JsonNode answer = exchange.getIn().getBody(JsonNode.class);
        JsonNode records = answer.path(listKey());
        if (!records.isArray()) {
            throw new IntercomApiException(searchPath(), 200, "unexpected_body", "no '" + listKey() + "' list in the answer");
        }
        List<JsonNode> page = new ArrayList<>(records.size());
        records.forEach(page::add);
        state.page = page;
        JsonNode next = answer.path("pages").path("next");
        state.startingAfter = next.isObject() ? next.path("starting_after").asText(null) : null;
        state.hasNextPage = state.startingAfter != null && !page.isEmpty();
        onPage(exchange, state);
    }

    public void storePage(Exchange exchange) {
        State state = exchange.getProperty(STATE, State.class);
        if (!state.page.isEmpty()) {
            store(exchange, state);
        }
        state.page = List.of();
    }

    public void finish(Exchange exchange) {
        SyncRun run = SyncRuns.current(exchange);
        if (run.isSkipped()) {
            return;
        }
        run.markComplete();
        complete(exchange, exchange.getProperty(STATE, State.class));
    }

    protected ObjectNode filter(String field, String operator, long value) {
        ObjectNode filter = json.createObjectNode();
        filter.put("field", field).put("operator", operator).put("value", value);
        return filter;
    }

    protected ObjectNode and(ObjectNode... filters) {
        ObjectNode group = json.createObjectNode();
        group.put("operator", "AND");
        ArrayNode value = group.putArray("value");
        for (ObjectNode f : filters) {
            value.add(f);
        }
        return group;
    }

    /** The flow that owns the run on this exchange: the shared follow-up route hands its calls back to it. */
    static SearchRead of(Exchange exchange) {
        return exchange.getProperty(STATE, State.class).flow;
    }
}
