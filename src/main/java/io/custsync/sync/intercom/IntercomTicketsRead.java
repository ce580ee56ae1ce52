package io.custsync.sync.intercom;

import io.custsync.sync.Flow;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.custsync.intercom.IntercomConnection;
import io.custsync.intercom.IntercomProperties;
import io.custsync.mapping.Mappings;
import io.custsync.store.ContactStore;
import io.custsync.store.ContactStore.LocalContact;
import io.custsync.store.InteractionStore;
import io.custsync.store.Checkpoints;
import io.custsync.sync.JsonRecord;
import io.custsync.sync.PageWriter;
import io.custsync.sync.PageWriter.Outcome;
import io.custsync.sync.Replayable;
import io.custsync.sync.SyncRun;
import com.fasterxml.jackson.databind.JsonNode;
import io.custsync.sync.SyncRuns;
import java.time.Duration;
import java.util.Optional;
import org.apache.camel.Exchange;
import org.springframework.stereotype.Component;

/** The {@code intercom-tickets} flow (input only): changed tickets with type, state, contacts and customer link. */
@Component("intercomTicketsRead")
public class IntercomTicketsRead extends WindowedSearchRead implements Replayable {

    static final String OBJECT = "tickets";

    private final InteractionStore interactions;
    private final ContactStore contacts;
    private final PageWriter pages;
    private final Mappings mappings;

    public IntercomTicketsRead(IntercomConnection connection, Checkpoints checkpoints, ObjectMapper json, IntercomProperties properties,
                       InteractionStore interactions, ContactStore contacts, PageWriter pages, Mappings mappings) {
        super(connection, checkpoints, json, properties);
        this.interactions = interactions;
        this.contacts = contacts;
        this.pages = pages;
        this.mappings = mappings;
    }

    @Override
    protected String searchPath() {
        return "/tickets/search";
    }

    @Override
    protected String listKey() {
        return "tickets";
    }

    @Override
    protected String firstPullSetting() {
        return Mappings.firstPullSetting("tickets");
    }

    @Override
    protected Duration firstPull() {
        return Duration.ofDays(mappings.firstPullDays("tickets"));
    }

    @Override
    protected void store(Exchange exchange, State state) {
        pages.write(SyncRuns.current(exchange), OBJECT, "id", state.page(), ticket -> storeTicket(new JsonRecord(ticket)), null);
    }

    @Override
    public Flow flow() {
        return Flow.INTERCOM_TICKETS;
    }

    @Override
    public Outcome replay(SyncRun run, JsonNode ticket) {
        return storeTicket(new JsonRecord(ticket));
    }

    private Outcome storeTicket(JsonRecord t) {
        String intercomId = t.requiredText("id");
        Long customerId = null;
        for (JsonNode contact : t.array("contacts.contacts")) {
            Optional<LocalContact> local = contacts.byIntercomId(contact.path("id").asText());
            if (local.isPresent() && local.get().customerId() != null) {
                customerId = local.get().customerId();
                break;
            }
        }
        Optional<Long> changed = interactions.upsertTicket(new InteractionStore.Ticket(intercomId, t.text("ticket_id"),
                t.text("ticket_type.id"), t.text("ticket_type.name"), t.text("category"),
                t.text("ticket_state.id"), t.text("ticket_state.category"), t.text("ticket_state.external_label"),
                t.text("ticket_attributes._default_title_"), t.text("ticket_attributes._default_description_"),
                t.bool("open"), customerId, t.epoch("created_at"), t.epoch("updated_at")));
        long id = changed.or(() -> interactions.ticketId(intercomId)).orElseThrow();
        for (JsonNode contact : t.array("contacts.contacts")) {
            String externalId = contact.path("id").asText();
            interactions.linkTicketContact(id, externalId, contacts.byIntercomId(externalId).map(LocalContact::id).orElse(null));
        }
        return changed.isPresent() ? Outcome.WRITTEN : Outcome.UNCHANGED;
    }
}
