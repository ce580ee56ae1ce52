package io.custsync.sync.intercom;

import io.custsync.sync.Flow;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.custsync.intercom.IntercomApiException;
import io.custsync.intercom.IntercomConnection;
import io.custsync.intercom.IntercomProperties;
import io.custsync.intercom.IntercomRequest;
import io.custsync.mapping.Mappings;
import io.custsync.store.ContactStore;
import io.custsync.store.ContactStore.ContactRow;
import io.custsync.store.CustomerStore;
import io.custsync.store.IdentityLinks;
import io.custsync.store.IdentityMatches.Probe;
import io.custsync.sync.identity.IdentityResolver;
import io.custsync.sync.identity.Matching.Resolution;
import io.custsync.store.Checkpoints;
import io.custsync.store.Checkpoints.Checkpoint;
import io.custsync.sync.JsonRecord;
import io.custsync.sync.PageWriter;
import io.custsync.sync.PageWriter.Outcome;
import io.custsync.sync.Replayable;
import io.custsync.sync.SyncRun;
import io.custsync.sync.SyncRuns;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The {@code intercom-contacts} flow: users and leads by {@code updated_at}, ascending, into contacts with
 * their customer link and role tags. Intercom compares contact dates by calendar day in the workspace's time
 * zone, so each run asks from the start of the day before the checkpoint's day and skips what it already
 * has ({@code (id, updated_at)} not newer than stored). The checkpoint moves with each stored page (a failed
 * first import resumes near where it stopped), but never past the run's start.
 */
@Component("intercomContactsRead")
public class IntercomContactsRead extends SearchRead implements Replayable {

    static final String SYSTEM = "intercom";
    static final String OBJECT = "contacts";
    private static final Logger log = LoggerFactory.getLogger(IntercomContactsRead.class);

    static final class ContactsState extends State {
        ZoneId timezone = ZoneOffset.UTC;
        final Map<String, String> tagNames = new HashMap<>();
        final Map<String, List<String>> companies = new HashMap<>();
        final Map<String, List<String>> tags = new HashMap<>();
        final Map<String, String> mergedInto = new HashMap<>();
        final Set<String> vanished = new HashSet<>();
        boolean rolesKnown = true;
        /**
         * A record fetched because it changed (a webhook notification, a replay) is written even when the store has
         * it at the same updated_at: Intercom's seconds cannot tell two changes of one second apart. Only a stored
         * version strictly newer is kept.
         */
        boolean rewriteSameSecond;
    }

    private final IdentityResolver resolver;
    private final ContactStore contacts;
    private final CustomerStore customers;
    private final IdentityLinks links;
    private final PageWriter pages;
    private final Mappings mappings;

    public IntercomContactsRead(IntercomConnection connection, Checkpoints checkpoints, ObjectMapper json, IntercomProperties properties,
                        ContactStore contacts, CustomerStore customers, IdentityLinks links, PageWriter pages, Mappings mappings,
                        IdentityResolver resolver) {
        super(connection, checkpoints, json, properties);
        this.resolver = resolver;
        this.contacts = contacts;
        this.customers = customers;
        this.links = links;
        this.pages = pages;
        this.mappings = mappings;
    }

    @Override
    protected String searchPath() {
        return "/contacts/search";
    }

    @Override
    protected String listKey() {
        return "data";
    }

    @Override
    protected State newState() {
        return new ContactsState();
    }

    @Override
    protected void setup(State state) {
        ContactsState contacts = (ContactsState) state;
        // the workspace time zone the search days are cut in
        state.followUp(IntercomRequest.get("/me", null), (exchange, answer) -> timezone(contacts, answer));
        // contacts carry tag ids only; roles are by name
        state.followUp(IntercomRequest.get("/tags", null), (exchange, answer) -> answer.path("data")
                .forEach(tag -> contacts.tagNames.put(tag.path("id").asText(), tag.path("name").asText())));
    }

    @Override
    protected ObjectNode query(State state, Optional<Checkpoint> checkpoint, Instant runStart) {
        ZoneId zone = ((ContactsState) state).timezone;
        // '>' V matches from the start of the day after V's day: V at the start of the previous day covers
        // the whole checkpoint day, including what was updated there after our last page.
        long from = checkpoint.map(Checkpoint::time)
                .map(t -> t.atZone(zone).toLocalDate().minusDays(1).atStartOfDay(zone).toEpochSecond())
                .orElse(0L);
        return filter("updated_at", ">", from);
    }

    @Override
    protected ObjectNode sort() {
        ObjectNode sort = json.createObjectNode();
        sort.put("field", "updated_at").put("order", "ascending");
        return sort;
    }

    @Override
    protected void onPage(Exchange exchange, State s) {
        ContactsState state = (ContactsState) s;
        for (JsonNode contact : state.page()) {
            String id = contact.path("id").asText(null);
            if (id == null) {
                continue; // dead-lettered when stored
            }
            if (contact.path("companies").path("has_more").asBoolean(false)) {
                followCompanies(state, id, "per_page=50");
            }
            if (contact.path("tags").path("has_more").asBoolean(false)) {
                state.followUp(IntercomRequest.get("/contacts/" + id + "/tags", null), (ex, answer) -> {
                    List<String> ids = new ArrayList<>();
                    answer.path("data").forEach(tag -> ids.add(tag.path("id").asText()));
                    state.tags.put(id, ids);
                }, (ex, failure) -> contactGone(state, id, failure));
            }
        }
    }

    private static void timezone(ContactsState state, JsonNode me) {
        String zone = me.path("app").path("timezone").asText(null);
        if (zone != null) {
            try {
                state.timezone = ZoneId.of(zone);
            } catch (Exception e) {
                log.warn("Workspace time zone '{}' not understood; contact search days are taken in UTC", zone);
            }
        }
    }

    /** A page of the contact's companies (the search answer lists only the first ones), and the next one. */
    private static void followCompanies(ContactsState state, String contactId, String query) {
        String path = "/contacts/" + contactId + "/companies";
        state.followUp(IntercomRequest.get(path, query), (exchange, answer) -> {
            List<String> ids = state.companies.computeIfAbsent(contactId, k -> new ArrayList<>());
            JsonNode list = answer.has("data") ? answer.path("data") : answer.path("companies"); // the spec names it 'companies'
            list.forEach(company -> ids.add(company.path("id").asText()));
            String next = answer.path("pages").path("next").asText(null);
            if (next != null && !next.isBlank() && !"null".equals(next)) {
                int q = next.indexOf('?');
                followCompanies(state, contactId, q < 0 ? null : next.substring(q + 1));
            }
        }, (exchange, failure) -> contactGone(state, contactId, failure));
    }

    /** A contact's sub-list could not be read: merged or gone since the search answered, or the run fails. */
    private static void contactGone(ContactsState state, String contactId, IntercomApiException failure) {
        if (failure instanceof IntercomApiException.Merged merged) {
            // Merged since the search answered: it lives on under the canonical id, which the search will bring.
            String canonical = merged.canonicalPath() == null ? null : merged.canonicalPath().replaceFirst("^/contacts/", "");
            state.mergedInto.put(contactId, canonical);
        } else if (failure.status() == 404) {
            state.vanished.add(contactId); // archived or deleted since the search answered
        } else {
            throw failure;
        }
    }

    @Override
    protected void store(Exchange exchange, State s) {
        ContactsState state = (ContactsState) s;
        SyncRun run = SyncRuns.current(exchange);
        Instant[] newest = {null};
        String[] newestId = {null};
        // A contact changed since the run began may come at its old place with its new time (Intercom does not say
        // where a record that changes during paging comes, if at all): such times say nothing about what is left to
        // read, so the checkpoint never passes the run's start (less the clock margin); the next run reads them again.
        Instant vouched = state.until.minus(WindowedSearchRead.LOOKBACK);
        pages.writePage(run, OBJECT, "id", state.page(), records -> {
            for (JsonNode contact : records) {
                JsonRecord record = new JsonRecord(contact);
                String id = record.requiredText("id");
                Instant updatedAt = updatedAt(record);
                if (updatedAt.isBefore(vouched) && (newest[0] == null || !updatedAt.isBefore(newest[0]))) {
                    newest[0] = updatedAt;
                    newestId[0] = id;
                }
            }
            return storeContacts(run, state, records);
        }, () -> {
            if (newest[0] != null) {
                checkpoints.advance(run.flow(), newest[0], newestId[0]);
            }
        });
    }

    @Override
    public Flow flow() {
        return Flow.INTERCOM_CONTACTS;
    }

    /**
     * The contact and its customer link from the kept record. Its roles are left as they are: tag names
     * come from the workspace at run time, and the next run that sees the contact sets them.
     */
    @Override
    public Outcome replay(SyncRun run, JsonNode contact) {
        return storeChanged(run, contact, null);
    }

    /**
     * One contact fetched because it changed (a webhook notification), with the workspace's tag names (id → name) when
     * they were read: its roles are set from its tags as a run sets them, unless it has more tags than the record
     * lists (the next run, which lists them all, sets them). Without tag names, its roles are left as they are.
     */
    public Outcome storeChanged(SyncRun run, JsonNode contact, Map<String, String> tagNames) {
        ContactsState state = new ContactsState();
        state.rewriteSameSecond = true;
        state.rolesKnown = tagNames != null && !contact.path("tags").path("has_more").asBoolean(false);
        if (state.rolesKnown) {
            state.tagNames.putAll(tagNames);
        }
        return storeContacts(run, state, List.of(contact)).get(0);
    }

    private static Instant updatedAt(JsonRecord record) {
        Instant updatedAt = record.epoch("updated_at");
        if (updatedAt == null) {
            throw new io.custsync.sync.BadRecordException("updated_at", "missing");
        }
        return updatedAt;
    }

    /** A contact of the page that is to be written. */
    private record Pending(int index, JsonRecord record, String id, Instant updatedAt, List<String> companyIds) {}

    /**
     * Stores contacts (a page, or one) with a handful of statements whatever their number: what is stored
     * already, the customers of their companies and domains are read for all at once, then contacts, links and
     * roles are written for all at once.
     */
    private List<Outcome> storeContacts(SyncRun run, ContactsState state, List<JsonNode> records) {
        Outcome[] outcomes = new Outcome[records.size()];
        List<Pending> pending = new ArrayList<>();
        for (int i = 0; i < records.size(); i++) {
            JsonRecord record = new JsonRecord(records.get(i));
            String id = record.requiredText("id");
            Instant updatedAt = updatedAt(record);
            if (state.mergedInto.containsKey(id)) {
                String canonical = state.mergedInto.get(id);
                links.find(SYSTEM, OBJECT, id).ifPresent(local -> links.find(SYSTEM, OBJECT, canonical)
                        .ifPresent(into -> contacts.markMerged(local, into)));
                log.info("Contact {} was merged into {} during the run; the canonical contact is kept", id, canonical);
                outcomes[i] = Outcome.FILTERED;
            } else if (state.vanished.contains(id)) {
                outcomes[i] = Outcome.FILTERED;
            } else {
                pending.add(new Pending(i, record, id, updatedAt, companyIds(state, record, id)));
            }
        }
        Map<String, Instant> stored = links.sourceUpdatedAt(SYSTEM, OBJECT, pending.stream().map(Pending::id).toList());
        pending.removeIf(p -> {
            Instant at = stored.get(p.id());
            if (at != null && (state.rewriteSameSecond ? at.isAfter(p.updatedAt()) : !at.isBefore(p.updatedAt()))) {
                outcomes[p.index()] = Outcome.UNCHANGED; // re-read through the day lookback: already stored at this version
                return true;
            }
            return false;
        });
        Map<String, Long> customerOfCompany = links.find(SYSTEM, "customers",
                pending.stream().flatMap(p -> p.companyIds().stream()).distinct().toList());
        Map<String, Long> customerOfDomain = customers.byDomain(pending.stream().map(IntercomContactsRead::domainOf).toList());
        // A contact seen for the first time may be one we already hold (say, from Salesforce): its row's key.
        List<Resolution> resolved = resolver.contacts(SYSTEM, pending.stream().map(p -> new Probe(p.id(),
                p.record().requiredText(field("contact-id")),
                mapped("email") ? IdentityResolver.email(p.record().text(field("email"))) : null)).toList());
        List<ContactRow> rows = new ArrayList<>();
        for (int k = 0; k < pending.size(); k++) {
            Pending p = pending.get(k);
            JsonRecord record = p.record();
            rows.add(new ContactRow(
                    resolved.get(k).key(),
                    mapped("email") ? record.text(field("email")) : null,
                    mapped("name") ? record.text(field("name")) : null,
                    mapped("phone") ? record.text(field("phone")) : null,
                    record.text("role"), customerOf(p, customerOfCompany, customerOfDomain),
                    mapped("email"), mapped("name"), mapped("phone")));
        }
        Map<String, Long> localIds = contacts.upsert(rows);
        List<IdentityLinks.Link> newLinks = new ArrayList<>();
        Map<Long, Set<String>> roles = new LinkedHashMap<>();
        for (int k = 0; k < pending.size(); k++) {
            Pending p = pending.get(k);
            long localId = localIds.get(rows.get(k).contactId());
            newLinks.add(new IdentityLinks.Link(p.id(), localId, p.updatedAt()));
            roles.put(localId, roles(state, p.record(), p.id()));
            outcomes[p.index()] = Outcome.WRITTEN;
        }
        links.link(SYSTEM, OBJECT, newLinks, run.id());
        if (state.rolesKnown) {
            contacts.setRoles(SYSTEM, roles);
        }
        return List.of(outcomes);
    }

    /** The contact's companies: from the follow-up call when the search answer had only the first ones. */
    private static List<String> companyIds(ContactsState state, JsonRecord record, String id) {
        List<String> companyIds = state.companies.get(id);
        if (companyIds == null) {
            companyIds = new ArrayList<>();
            for (JsonNode company : record.array("companies.data")) {
                companyIds.add(company.path("id").asText());
            }
        }
        return companyIds;
    }

    private static String domainOf(Pending p) {
        String domain = p.record().text("email_domain");
        return domain != null ? domain : CustomerStore.domainOf(p.record().text("email"));
    }

    /** The first of the contact's companies that is a known customer; else the customer of its email domain. */
    private static Long customerOf(Pending p, Map<String, Long> customerOfCompany, Map<String, Long> customerOfDomain) {
        for (String companyId : p.companyIds()) {
            Long customer = customerOfCompany.get(companyId);
            if (customer != null) {
                return customer;
            }
        }
        String domain = domainOf(p);
        return domain == null ? null : customerOfDomain.get(domain.toLowerCase());
    }

    private Set<String> roles(ContactsState state, JsonRecord record, String id) {
        List<String> tagIds = state.tags.get(id);
        if (tagIds == null) {
            tagIds = new ArrayList<>();
            for (JsonNode tag : record.array("tags.data")) {
                tagIds.add(tag.path("id").asText());
            }
        }
        Map<String, String> roleByTag = new LinkedHashMap<>();
        for (Mappings.Role role : Mappings.Role.values()) {
            String tagName = mappings.roleTag(role).intercomTag();
            if (!Mappings.DISABLED.equals(tagName)) {
                roleByTag.put(tagName.toLowerCase(), role.stored()); // Intercom tag names are case-insensitive
            }
        }
        Set<String> roles = new HashSet<>();
        for (String tagId : tagIds) {
            String name = state.tagNames.get(tagId);
            if (name != null && roleByTag.containsKey(name.toLowerCase())) {
                roles.add(roleByTag.get(name.toLowerCase()));
            }
        }
        return roles;
    }

    private String field(String name) {
        return mappings.fieldOf(OBJECT, SYSTEM, name);
    }

    private boolean mapped(String name) {
        return !Mappings.DISABLED.equals(field(name));
    }
}
