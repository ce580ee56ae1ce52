package io.custsync.sync.intercom;

import io.custsync.sync.Flow;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.custsync.intercom.IntercomConnection;
import io.custsync.intercom.IntercomProperties;
import io.custsync.intercom.IntercomRequest;
import io.custsync.mapping.Mappings;
import io.custsync.store.ContactStore;
import io.custsync.store.ContactStore.LocalContact;
import io.custsync.store.CustomerStore;
import io.custsync.store.InteractionStore;
import io.custsync.sync.BadRecordException;
import io.custsync.store.Checkpoints;
import io.custsync.sync.JsonRecord;
import io.custsync.sync.PageWriter;
import io.custsync.sync.PageWriter.Outcome;
import io.custsync.sync.Replayable;
import io.custsync.sync.SyncRun;
import io.custsync.sync.SyncRuns;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.apache.camel.Exchange;
import org.springframework.stereotype.Component;

/**
 * The {@code intercom-conversations} flow: changed conversations of known customers (a contact we have, or an
 * email domain of a customer), each retrieved whole and stored with its parts. Intercom returns only the 500
 * newest parts; parts are never deleted here, so older ones stay in the store once seen.
 */
@Component("intercomConversationsRead")
public class IntercomConversationsRead extends WindowedSearchRead implements Replayable {

    static final String OBJECT = "interactions";
    private static final Set<String> CUSTOMER_AUTHORS = Set.of("user", "lead", "contact");
    /** Held conversations retrieved per run at most: bounds the calls a big batch of newly known contacts costs. */
    static final int HELD_PER_RUN = 500;
    private static final Set<String> REPLY_PARTS = Set.of("comment", "quick_reply", "open");

    private final InteractionStore interactions;
    private final ContactStore contacts;
    private final CustomerStore customers;
    private final PageWriter pages;
    private final Mappings mappings;

    public IntercomConversationsRead(IntercomConnection connection, Checkpoints checkpoints, ObjectMapper json, IntercomProperties properties,
                             InteractionStore interactions, ContactStore contacts, CustomerStore customers, PageWriter pages,
                             Mappings mappings) {
        super(connection, checkpoints, json, properties);
        this.interactions = interactions;
        this.contacts = contacts;
        this.customers = customers;
        this.pages = pages;
        this.mappings = mappings;
    }

    @Override
    protected String searchPath() {
        return "/conversations/search";
    }

    @Override
    protected String listKey() {
        return "conversations";
    }

    @Override
    protected String firstPullSetting() {
        return Mappings.firstPullSetting(OBJECT);
    }

    @Override
    protected Duration firstPull() {
        return Duration.ofDays(mappings.firstPullDays(OBJECT));
    }

    /** Each conversation of the page that concerns a known customer is retrieved whole; the others are skipped. */
    @Override
    protected void onPage(Exchange exchange, State state) {
        SyncRun run = SyncRuns.current(exchange);
        boolean knownOnly = mappings.interactions().knownCustomersOnly();
        List<InteractionStore.Held> held = new ArrayList<>();
        for (JsonNode conversation : state.page()) {
            String id = conversation.path("id").asText(null);
            if (id == null) {
                continue; // dead-lettered when the page is stored
            }
            if (knownOnly) {
                JsonRecord record = new JsonRecord(conversation);
                try {
                    if (!known(record).known()) {
                        held.add(held(record, id));
                        run.read(1);
                        run.skipped(1); // not a known customer's: not even retrieved, but held until it is
                        continue;
                    }
                } catch (RuntimeException e) {
                    pages.reject(run, OBJECT, "id", conversation, e); // cannot be judged: kept aside, the page goes on
                    continue;
                }
            }
            retrieve(state, id);
        }
        interactions.hold(held);
    }

    /**
     * Before the first page: held conversations that now concern a known customer (a contact synced since, a
     * customer with the author's domain) are retrieved, though unchanged since they were left out.
     */
    @Override
    protected void setup(State state) {
        if (mappings.interactions().knownCustomersOnly()) {
            interactions.heldNowKnown(HELD_PER_RUN).forEach(id -> retrieve(state, id));
        }
    }

    /** The full conversation, stored with its parts in its own transaction when it comes. */
    private void retrieve(State state, String id) {
        state.followUp(IntercomRequest.get("/conversations/" + id, "display_as=plaintext"),
                (exchange, conversation) -> pages.write(SyncRuns.current(exchange), OBJECT, "id", List.of(conversation),
                        c -> storeConversation(new JsonRecord(c)), null),
                (exchange, failure) -> {
                    if (failure.status() != 404) {
                        throw failure;
                    }
                    interactions.release(id); // deleted since the search answered (or since it was held)
                });
    }

    private static InteractionStore.Held held(JsonRecord c, String id) {
        List<String> contactIds = new ArrayList<>();
        for (JsonNode contact : c.array("contacts.contacts")) {
            contactIds.add(contact.path("id").asText());
        }
        String email = CUSTOMER_AUTHORS.contains(String.valueOf(c.text("source.author.type"))) ? c.text("source.author.email") : null;
        return new InteractionStore.Held(id, contactIds, CustomerStore.domainOf(email), c.epoch("updated_at"));
    }

    /**
     * Retrieved conversations were stored as they arrived, each in its own transaction; here only the page's
     * records without an id remain, to be kept as dead letters.
     */
    @Override
    protected void store(Exchange exchange, State state) {
        List<JsonNode> withoutId = state.page().stream().filter(c -> !c.hasNonNull("id")).toList();
        if (!withoutId.isEmpty()) {
            pages.write(SyncRuns.current(exchange), OBJECT, "id", withoutId,
                    c -> { throw new BadRecordException("id", "missing"); }, null);
        }
    }

    @Override
    public Flow flow() {
        return Flow.INTERCOM_CONVERSATIONS;
    }

    @Override
    public Outcome replay(SyncRun run, JsonNode conversation) {
        return storeConversation(new JsonRecord(conversation));
    }

    private Outcome storeConversation(JsonRecord c) {
        String intercomId = c.requiredText("id");
        Known known = known(c);
        if (!known.known() && mappings.interactions().knownCustomersOnly()) {
            return Outcome.FILTERED;
        }
        interactions.release(intercomId); // known now: no longer held, whatever the other rules decide
        Long customerId = known.customerId();
        List<JsonNode> parts = c.array("conversation_parts.conversation_parts");
        boolean customerReply = hasCustomerReply(c, parts);
        if (!customerReply && mappings.interactions().customerReplyOnly()) {
            return Outcome.FILTERED;
        }
        List<String> tags = new ArrayList<>();
        for (JsonNode tag : c.array("tags.tags")) {
            tags.add(tag.path("name").asText());
        }
        Optional<Long> changed = interactions.upsertConversation(new InteractionStore.Conversation(intercomId, customerId,
                c.text("title"), c.text("source.subject"), c.text("state"), c.bool("open"), c.bool("read"),
                c.text("priority"), c.text("source.url"), c.text("source.type"), c.text("source.delivered_as"),
                c.text("source.author.type"), c.text("source.author.id"), c.text("source.author.email"), c.text("source.body"),
                tags, customerReply, c.epoch("statistics.first_contact_reply_at"), c.epoch("statistics.last_contact_reply_at"),
                c.epoch("statistics.last_admin_reply_at"), metadata(c), c.epoch("created_at"), c.epoch("updated_at")));
        long id = changed.or(() -> interactions.conversationId(intercomId)).orElseThrow();
        for (JsonNode contact : c.array("contacts.contacts")) {
            String externalId = contact.path("id").asText();
            interactions.linkConversationContact(id, externalId, contacts.byIntercomId(externalId).map(LocalContact::id).orElse(null));
        }
        List<InteractionStore.Part> partRows = new ArrayList<>(parts.size());
        for (JsonNode p : parts) {
            JsonRecord part = new JsonRecord(p);
            partRows.add(new InteractionStore.Part(id, part.requiredText("id"), part.text("part_type"), part.text("body"),
                    part.text("author.type"), part.text("author.id"), part.text("author.name"), part.text("author.email"),
                    part.epoch("created_at"), part.epoch("updated_at")));
        }
        int partsChanged = interactions.upsertParts(partRows);
        return changed.isPresent() || partsChanged > 0 ? Outcome.WRITTEN : Outcome.UNCHANGED;
    }

    /** Whether the conversation is a known customer's, and which customer it is linked to (may be unknown). */
    record Known(boolean known, Long customerId) {}

    /** Known: one of its contacts is in the store, or the customer author's email domain is a customer's. */
    private Known known(JsonRecord c) {
        for (JsonNode contact : c.array("contacts.contacts")) {
            Optional<LocalContact> local = contacts.byIntercomId(contact.path("id").asText());
            if (local.isPresent()) {
                return new Known(true, local.get().customerId());
            }
        }
        String email = c.text("source.author.email");
        if (email != null && CUSTOMER_AUTHORS.contains(String.valueOf(c.text("source.author.type")))) {
            Optional<Long> customer = customers.byDomain(CustomerStore.domainOf(email));
            if (customer.isPresent()) {
                return new Known(true, customer.get());
            }
        }
        return new Known(false, null);
    }

    /** A comment or quick reply by a user or lead, or a conversation the customer opened. */
    static boolean hasCustomerReply(JsonRecord c, List<JsonNode> parts) {
        if ("customer_initiated".equals(c.text("source.delivered_as")) && CUSTOMER_AUTHORS.contains(String.valueOf(c.text("source.author.type")))) {
            return true;
        }
        for (JsonNode part : parts) {
            if (REPLY_PARTS.contains(part.path("part_type").asText()) && CUSTOMER_AUTHORS.contains(part.path("author").path("type").asText())
                    && (!"open".equals(part.path("part_type").asText()) || part.hasNonNull("body"))) {
                return true;
            }
        }
        return false;
    }

    /** What later features read (statistics, rating, assignment), kept as Intercom gave it. */
    private String metadata(JsonRecord c) {
        ObjectNode metadata = json.createObjectNode();
        for (String key : List.of("statistics", "conversation_rating", "custom_attributes", "admin_assignee_id", "team_assignee_id")) {
            JsonNode value = c.at(key);
            if (!value.isMissingNode()) {
                metadata.set(key, value);
            }
        }
        metadata.set("parts_total", c.at("conversation_parts.total_count").isMissingNode()
                ? null : c.at("conversation_parts.total_count"));
        return metadata.toString();
    }
}
