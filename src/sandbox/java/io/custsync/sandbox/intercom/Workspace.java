package io.custsync.sandbox.intercom;

import com.fasterxml.jackson.databind.JsonNode;
import io.custsync.sandbox.common.SandboxClock;
import io.custsync.sandbox.intercom.Model.Company;
import io.custsync.sandbox.intercom.Model.Contact;
import io.custsync.sandbox.intercom.Model.Conversation;
import io.custsync.sandbox.intercom.Model.Part;
import io.custsync.sandbox.intercom.Model.Tag;
import io.custsync.sandbox.intercom.Model.Ticket;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The simulated Intercom workspace: generated stores, the {@link Catalog} of reference data, and
 * every state change. Both the public API and the control API call these methods; a non-null {@code at} is the
 * {@code updated_at} to record (control API), otherwise the sandbox clock is used.
 */
final class Workspace {
    final IntercomSettings settings;
    final SandboxClock clock;
    final Ids ids;
    final IntercomDataGenerator gen;
    final IntercomRecordStore<Contact> contacts;
    final IntercomRecordStore<Company> companies;
    final IntercomRecordStore<Conversation> conversations;
    final IntercomRecordStore<Ticket> tickets;
    /**
     * Fields served wrongly for a record (by {@code type/id}, e.g. {@code contact/5f…}): a missing key, a wrong type,
     * a huge value, a date no clock reaches. Real workspaces hold such records (imports, old integrations); a test
     * puts them here to see the sync keep them aside.
     */
    final java.util.Map<String, java.util.Map<String, com.fasterxml.jackson.databind.JsonNode>> poisoned =
            new java.util.concurrent.ConcurrentHashMap<>();
    final String appId;
    /** Admins, tags, data attributes, ticket types and states. */
    final Catalog catalog;
    /** Current email / external_id / company_id → index, for records that were created or changed. */
    private final Map<String, Long> emailIndex = new HashMap<>();
    private final Map<String, Long> externalIdIndex = new HashMap<>();
    private final Map<String, Long> companyKeyIndex = new HashMap<>();
    /** Company idx → contacts attached through the API (generated membership is computed, see IntercomDataGenerator). */
    private final Map<Long, Set<Long>> attachedMembers = new HashMap<>();
    volatile long searchLagSeconds;

    /** Receives every change with its Intercom webhook topic (see {@link WebhookFeed}); related may be null. */
    interface ChangeListener {
        void changed(String topic, Object subject, Object related);
    }

    volatile ChangeListener listener = (topic, subject, related) -> { };

    private void emit(String topic, Object subject, Object related) {
        listener.changed(topic, subject, related);
    }

    Workspace(IntercomSettings settings, SandboxClock clock) {
        this.settings = settings;
        this.clock = clock;
        this.ids = new Ids(settings.seed);
        this.gen = new IntercomDataGenerator(settings, ids);
        this.searchLagSeconds = settings.searchLagSeconds;
        this.appId = "sbx" + Long.toString(Math.abs(Ids.mix(settings.seed)) % 1_000_000L, 36);
        this.catalog = new Catalog(settings, clock, gen);
        this.contacts = new IntercomRecordStore<>(settings.contacts, gen::contact, gen::contactUpdatedAt);
        this.companies = new IntercomRecordStore<>(settings.companies, gen::company, gen::companyLastRequestAt);
        this.conversations = new IntercomRecordStore<>(settings.conversations, gen::conversation, gen::conversationUpdatedAt);
        this.tickets = new IntercomRecordStore<>(settings.tickets, gen::ticket, gen::ticketUpdatedAt);
        contacts.onChange(this::indexLater);
        conversations.onChange(this::indexLater);
        tickets.onChange(this::indexLater);
    }

    /**
     * Search lag: Intercom says a new contact may take "a few minutes" to be found by search, and says nothing of
     * changes or of other objects, so every change made while a lag is set (created, updated, tagged, whatever time
     * it records as updated_at) stays out of search results for that long after it was made.
     */
    private void indexLater(Model.Rec rec) {
        long lag = searchLagSeconds;
        rec.searchableAt = lag > 0 ? clock.epochSecond() + lag : 0;
    }

    private long now(Long at) {
        return at != null ? at : clock.epochSecond();
    }

    // ---------------------------------------------------------------- contacts

    /** Any record (visible or not) by id; null if unknown or deleted. */
    Contact contactAny(String id) {
        long idx = ids.contactIdx(id);
        Contact c = contacts.get(idx);
        return c == null || c.deleted ? null : c;
    }

    /** What GET /contacts/{id} sees: 404 for unknown/archived/deleted, 410 for merged. */
    Contact contactVisible(String id) {
        Contact c = contactAny(id);
        if (c != null && c.mergedInto != null) {
            throw new ApiException(410, "contact_merged", "Contact has been merged into " + c.mergedInto)
                    .header("Link", "</contacts/" + c.mergedInto + ">; rel=\"canonical\"");
        }
        if (c == null || c.archived) {
            throw ApiException.notFound("not_found", "User Not Found");
        }
        return c;
    }

    private Contact findBy(Map<String, Long> index, String value, long generatedIdx,
            java.util.function.Function<Contact, String> field) {
        if (value == null || value.isEmpty()) {
            return null;
        }
        Long idx = index.get(value.toLowerCase(Locale.ROOT));
        Contact c = idx != null ? contacts.get(idx) : null;
        if (c == null && generatedIdx >= 0 && generatedIdx < contacts.generatedCount()) {
            c = contacts.get(generatedIdx);
        }
        if (c == null || c.deleted || c.mergedInto != null || !value.equalsIgnoreCase(field.apply(c))) {
            return null;
        }
        return c;
    }

    Contact contactByEmail(String email) {
        return findBy(emailIndex, email, IntercomDataGenerator.indexFromEmail(email), k -> k.email);
    }

    Contact contactByExternalId(String externalId) {
        return findBy(externalIdIndex, externalId, IntercomDataGenerator.indexFromPrefixed(externalId, "user-"), k -> k.externalId);
    }

    private void index(Contact c) {
        if (c.email != null) {
            emailIndex.put(c.email.toLowerCase(Locale.ROOT), c.idx);
        }
        if (c.externalId != null) {
            externalIdIndex.put(c.externalId.toLowerCase(Locale.ROOT), c.idx);
        }
        contacts.put(c);
    }

    private void checkDuplicate(Contact self, String email, String externalId) {
        for (Contact other : new Contact[] {contactByExternalId(externalId), contactByEmail(email)}) {
            if (other != null && (self == null || other.idx != self.idx)) {
                throw new ApiException(409, "conflict", "A contact matching those details already exists with id=" + other.id);
            }
        }
    }

    synchronized Contact createContact(JsonNode body, Long at) {
        String email = text(body, "email");
        String externalId = text(body, "external_id");
        String role = text(body, "role");
        if (email == null && externalId == null && role == null) {
            throw new ApiException(400, "parameter_invalid", "Please provide an email, external_id or role", "email");
        }
        if (role != null && !role.equals("user") && !role.equals("lead")) {
            throw new ApiException(400, "parameter_invalid", "role must be one of user, lead", "role");
        }
        checkDuplicate(null, email, externalId);
        Contact c = new Contact();
        c.idx = contacts.allocateIdx();
        c.id = ids.contactId(c.idx);
        c.role = role != null ? role : "user";
        c.createdAt = now(at);
        c.updatedAt = c.createdAt;
        c.signedUpAt = c.role.equals("user") ? c.createdAt : null;
        applyContactFields(c, body);
        index(c);
        emit("contact." + c.role + ".created", c, null);
        return c;
    }

    synchronized Contact updateContact(String id, JsonNode body, Long at) {
        Contact c = contactVisible(id);
        String email = body.has("email") ? text(body, "email") : null;
        String externalId = body.has("external_id") ? text(body, "external_id") : null;
        checkDuplicate(c, email, externalId);
        String role = text(body, "role");
        if (role != null && !role.equals("user") && !role.equals("lead")) {
            throw new ApiException(400, "parameter_invalid", "role must be one of user, lead", "role");
        }
        if (role != null) {
            c.role = role;
        }
        applyContactFields(c, body);
        c.updatedAt = now(at);
        index(c);
        emit("contact." + c.role + ".updated", c, null);
        return c;
    }

    private void applyContactFields(Contact c, JsonNode b) {
        Map<String, Object> custom = new LinkedHashMap<>(c.custom);
        catalog.mergeCustom("contact", custom, b.get("custom_attributes"));
        c.custom = custom;
        if (b.has("email")) {
            c.email = text(b, "email");
        }
        if (b.has("external_id")) {
            c.externalId = text(b, "external_id");
        }
        if (b.has("phone")) {
            c.phone = text(b, "phone");
        }
        if (b.has("name")) {
            c.name = text(b, "name");
        }
        if (b.has("owner_id")) {
            c.ownerId = b.get("owner_id").isNull() ? null : b.get("owner_id").asText();
        }
        if (b.has("signed_up_at")) {
            c.signedUpAt = longOrNull(b.get("signed_up_at"));
        }
        if (b.has("last_seen_at")) {
            c.lastSeenAt = longOrNull(b.get("last_seen_at"));
        }
        if (b.has("unsubscribed_from_emails") && !b.get("unsubscribed_from_emails").isNull()) {
            c.unsubscribed = b.get("unsubscribed_from_emails").asBoolean();
        }
    }

    synchronized Contact archiveContact(String id, boolean archived, Long at) {
        Contact c = contactAny(id);
        if (c == null || c.mergedInto != null) {
            throw ApiException.notFound("not_found", "User Not Found");
        }
        c.archived = archived;
        c.updatedAt = now(at);
        contacts.put(c);
        emit(archived ? "contact.archived" : "contact.unarchive", c, null); // topic names as listed in API-NOTES §10
        return c;
    }

    synchronized Contact deleteContact(String id, Long at) {
        Contact c = contactAny(id);
        if (c == null) {
            throw ApiException.notFound("not_found", "User Not Found");
        }
        c.deleted = true;
        c.updatedAt = now(at);
        contacts.put(c);
        emit("contact.deleted", c, null);
        return c;
    }

    synchronized Contact mergeContacts(String fromId, String intoId, Long at) {
        Contact from = contactVisible(fromId);
        Contact into = contactVisible(intoId);
        if (from.idx == into.idx) {
            throw new ApiException(400, "parameter_invalid", "Cannot merge a contact into itself", "from");
        }
        if (!from.role.equals("lead")) {
            throw new ApiException(400, "parameter_invalid", "The from contact must be a lead", "from");
        }
        if (!into.role.equals("user")) {
            throw new ApiException(400, "parameter_invalid", "The into contact must be a user", "into");
        }
        long t = now(at);
        from.mergedInto = into.id;
        from.updatedAt = t;
        contacts.put(from);
        from.tags.forEach(into.tags::putIfAbsent);
        into.mergeHistory.add(new String[] {from.id, from.role, Long.toString(t)});
        into.updatedAt = t;
        index(into);
        emit("contact.merged", into, from);
        return into;
    }

    synchronized Tag tagContact(String contactId, String tagId, boolean attach, Long at) {
        Contact c = contactVisible(contactId);
        Tag tag = catalog.tag(tagId);
        if (tag == null) {
            throw ApiException.notFound("tag_not_found", "Tag not found");
        }
        if (attach) {
            c.tags.putIfAbsent(tag.id(), now(at));
        } else if (c.tags.remove(tag.id()) == null) {
            throw ApiException.notFound("tag_not_found", "Tag not found");
        }
        c.updatedAt = now(at);
        contacts.put(c);
        emit("contact." + c.role + ".tag." + (attach ? "created" : "deleted"), c, tag);
        return tag;
    }

    synchronized Company linkCompany(String contactId, String companyId, boolean attach, Long at) {
        Contact c = contactVisible(contactId);
        if (companyId == null || companyId.isEmpty()) {
            throw new ApiException(400, "parameter_not_found", "company not specified", "id");
        }
        Company co = companyVisible(companyId);
        if (attach) {
            if (!c.companies.contains(co.idx)) {
                if (c.companies.size() >= 1000) {
                    throw new ApiException(400, "contact_company_limit_exceeded", "Contact has the maximum number of companies");
                }
                c.companies = new ArrayList<>(c.companies);
                c.companies.add(co.idx);
                attachedMembers.computeIfAbsent(co.idx, k -> new TreeSet<>()).add(c.idx);
            }
        } else {
            if (!c.companies.contains(co.idx)) {
                throw ApiException.notFound("company_not_found", "Company Not Found");
            }
            c.companies = new ArrayList<>(c.companies);
            c.companies.remove(co.idx);
        }
        c.updatedAt = now(at);
        contacts.put(c);
        emit("company.contact." + (attach ? "attached" : "detached"), co, c);
        return co;
    }

    /** Visible companies of a contact, in attach order. */
    List<Company> companiesOfContact(Contact c) {
        List<Company> out = new ArrayList<>();
        for (long idx : c.companies) {
            Company co = companies.get(idx);
            if (co != null && co.visible()) {
                out.add(co);
            }
        }
        return out;
    }

    /** Visible contacts attached to the company, ascending by index. */
    List<Contact> membersOf(Company co) {
        TreeSet<Long> candidates = new TreeSet<>(co.idx < companies.generatedCount() ? gen.generatedMembersOf(co.idx) : List.of());
        synchronized (this) {
            candidates.addAll(attachedMembers.getOrDefault(co.idx, Set.of()));
        }
        List<Contact> out = new ArrayList<>();
        for (long i : candidates) {
            Contact c = contacts.get(i);
            if (c != null && c.visible() && c.companies.contains(co.idx)) {
                out.add(c);
            }
        }
        return out;
    }

    /** Like membersOf(co).size(), but untouched generated members are counted without generating them. */
    int userCount(Company co) {
        TreeSet<Long> candidates = new TreeSet<>(co.idx < companies.generatedCount() ? gen.generatedMembersOf(co.idx) : List.of());
        synchronized (this) {
            candidates.addAll(attachedMembers.getOrDefault(co.idx, Set.of()));
        }
        int n = 0;
        for (long i : candidates) {
            if (!contacts.isOverridden(i) && i < contacts.generatedCount()) {
                n++;
                continue;
            }
            Contact c = contacts.get(i);
            if (c != null && c.visible() && c.companies.contains(co.idx)) {
                n++;
            }
        }
        return n;
    }

    // ---------------------------------------------------------------- companies

    Company companyVisible(String id) {
        Company co = companies.get(ids.companyIdx(id));
        if (co == null || !co.visible()) {
            throw ApiException.notFound("company_not_found", "Company Not Found");
        }
        return co;
    }

    Company companyByKey(String companyKey) {
        if (companyKey == null) {
            return null;
        }
        Long idx;
        synchronized (this) {
            idx = companyKeyIndex.get(companyKey);
        }
        Company co = idx != null ? companies.get(idx) : null;
        if (co == null) {
            long g = IntercomDataGenerator.indexFromPrefixed(companyKey, "cmp-");
            co = g >= 0 && g < companies.generatedCount() ? companies.get(g) : null;
        }
        return co != null && co.visible() && companyKey.equals(co.companyId) ? co : null;
    }

    private static final Set<String> COMPANY_FIELDS = Set.of("company_id", "name", "plan", "size", "website", "industry",
            "custom_attributes", "remote_created_at", "update_last_request_at", "monthly_spend", "id");

    synchronized Company upsertCompany(JsonNode body, Long at) {
        body.fieldNames().forEachRemaining(f -> {
            if (!COMPANY_FIELDS.contains(f)) {
                throw new ApiException(400, "bad_request", "bad '" + f + "' parameter");
            }
        });
        String key = text(body, "company_id");
        Company co = companyByKey(key);
        if (co == null && body.hasNonNull("id")) {
            co = companyVisible(body.get("id").asText());
        }
        long t = now(at);
        boolean created = co == null;
        if (co == null) {
            if (key == null) {
                throw new ApiException(400, "parameter_not_found", "company_id not specified", "company_id");
            }
            co = new Company();
            co.idx = companies.allocateIdx();
            co.id = ids.companyId(co.idx);
            co.companyId = key;
            co.createdAt = t;
            co.remoteCreatedAt = t;
            co.lastRequestAt = t;
        }
        applyCompanyFields(co, body);
        if (body.path("update_last_request_at").asBoolean(false)) {
            co.lastRequestAt = t;
        }
        co.updatedAt = t;
        companyKeyIndex.put(co.companyId, co.idx);
        companies.put(co);
        emit(created ? "company.created" : "company.updated", co, null);
        return co;
    }

    synchronized Company updateCompany(String id, JsonNode body, Long at) {
        Company co = companyVisible(id);
        body.fieldNames().forEachRemaining(f -> {
            if (!COMPANY_FIELDS.contains(f) || f.equals("company_id")) {
                throw new ApiException(400, "bad_request", "bad '" + f + "' parameter");
            }
        });
        applyCompanyFields(co, body);
        co.updatedAt = now(at);
        if (body.path("update_last_request_at").asBoolean(false)) {
            co.lastRequestAt = co.updatedAt;
        }
        companies.put(co);
        emit("company.updated", co, null);
        return co;
    }

    private void applyCompanyFields(Company co, JsonNode b) {
        Map<String, Object> custom = new LinkedHashMap<>(co.custom);
        catalog.mergeCustom("company", custom, b.get("custom_attributes"));
        co.custom = custom;
        if (b.has("name")) {
            co.name = text(b, "name");
        }
        if (b.has("plan")) {
            co.plan = text(b, "plan");
        }
        if (b.has("size")) {
            co.size = b.get("size").isNull() ? null : b.get("size").asInt();
        }
        if (b.has("website")) {
            co.website = text(b, "website");
        }
        if (b.has("industry")) {
            co.industry = text(b, "industry");
        }
        if (b.has("monthly_spend")) {
            // Intercom truncates floats and caps at int32.
            co.monthlySpend = b.get("monthly_spend").isNull() ? null
                    : (int) Math.min(Integer.MAX_VALUE, (long) b.get("monthly_spend").asDouble());
        }
        if (b.has("remote_created_at") && !b.get("remote_created_at").isNull()) {
            co.remoteCreatedAt = b.get("remote_created_at").asLong();
        }
    }

    synchronized Company deleteCompany(String id, Long at) {
        Company co = companyVisible(id);
        co.deleted = true;
        co.updatedAt = now(at);
        companies.put(co);
        emit("company.deleted", co, null);
        return co;
    }

    synchronized Tag tagCompany(Company co, Tag tag, boolean attach, Long at) {
        co.tags = new java.util.LinkedHashSet<>(co.tags);
        if (attach) {
            co.tags.add(tag.id());
        } else {
            co.tags.remove(tag.id());
        }
        co.updatedAt = now(at);
        companies.put(co);
        return tag;
    }

    // ---------------------------------------------------------------- conversations and tickets

    Conversation conversation(String id) {
        Conversation cv = conversations.get(Ids.conversationIdx(id));
        if (cv == null || !cv.visible()) {
            throw ApiException.notFound("conversation_not_found", "Conversation not found");
        }
        return cv;
    }

    /** All parts, oldest first; generated ones are rebuilt on demand. */
    List<Part> parts(Conversation cv) {
        List<Part> out = new ArrayList<>(cv.generatedParts + cv.addedParts.size());
        for (int j = 0; j < cv.generatedParts; j++) {
            out.add(gen.part(cv, j));
        }
        out.addAll(cv.addedParts);
        return out;
    }

    synchronized Tag tagConversation(String id, String tagId, boolean attach, Long at) {
        Conversation cv = conversation(id);
        Tag tag = catalog.tag(tagId);
        if (tag == null || (!attach && !cv.tags.containsKey(tagId))) {
            throw ApiException.notFound("tag_not_found", "Tag not found");
        }
        if (attach) {
            cv.tags.putIfAbsent(tagId, now(at));
        } else {
            cv.tags.remove(tagId);
        }
        cv.updatedAt = now(at);
        conversations.put(cv);
        return tag;
    }

    synchronized Conversation addParts(String id, int count, String authorType, String partType, Long at) {
        Conversation cv = conversation(id);
        long t = now(at);
        int base = cv.generatedParts + cv.addedParts.size();
        for (int n = 0; n < count; n++) {
            Part p = new Part();
            p.id = Long.toString(10_000_000_000L + cv.idx * 10_000L + base + n);
            if (base + n >= 10_000) {
                p.id = cv.id + "-" + (base + n);
            }
            p.createdAt = t;
            p.partType = partType != null ? partType : "comment";
            p.body = "<p>Added message " + (base + n + 1) + "</p>";
            boolean customer = "user".equals(authorType) || "lead".equals(authorType) || "contact".equals(authorType);
            p.authorType = customer ? authorType : "admin";
            p.authorId = customer ? ids.contactId(Math.max(0, cv.contactIdx)) : gen.adminId(0);
            p.authorName = customer ? "Customer " + cv.contactIdx : "Admin 0";
            p.authorEmail = customer ? "customer." + cv.contactIdx + "@mail.example.com" : "admin0@sandbox.example.com";
            cv.addedParts.add(p);
        }
        cv.updatedAt = t;
        conversations.put(cv);
        boolean customer = Views.isCustomer(authorType);
        emit(customer ? "conversation.user.replied" : "note".equals(partType) ? "conversation.admin.noted"
                : "conversation.admin.replied", cv, null);
        return cv;
    }

    /** A new customer- or admin-initiated conversation with one contact and no parts (control API). */
    synchronized Conversation createConversation(String contactId, JsonNode body, Long at) {
        Contact c = contactVisible(contactId);
        long t = now(at);
        Conversation cv = new Conversation();
        cv.idx = conversations.allocateIdx();
        cv.id = Ids.conversationId(cv.idx);
        cv.createdAt = t;
        cv.updatedAt = t;
        cv.contactIdx = c.idx;
        boolean adminInitiated = "admin_initiated".equals(text(body, "delivered_as"));
        cv.deliveredAs = adminInitiated ? "admin_initiated" : "customer_initiated";
        cv.sourceType = body.hasNonNull("source_type") ? text(body, "source_type") : "conversation";
        cv.sourceAuthorType = adminInitiated ? "admin" : c.role;
        cv.sourceAuthorId = adminInitiated ? gen.adminId(0) : c.id;
        cv.subject = body.hasNonNull("subject") ? text(body, "subject") : "";
        cv.body = body.hasNonNull("body") ? text(body, "body") : "<p>New conversation</p>";
        cv.state = body.hasNonNull("state") ? text(body, "state") : "open";
        cv.priority = "none";
        cv.customerReplies = true;
        conversations.put(cv);
        emit(adminInitiated ? "conversation.admin.single.created" : "conversation.user.created", cv, null);
        return cv;
    }

    synchronized Conversation updateConversation(String id, JsonNode body, Long at) {
        Conversation cv = conversation(id);
        if (body.hasNonNull("state")) {
            cv.state = body.get("state").asText();
            cv.snoozedUntil = cv.state.equals("snoozed") ? now(at) + 86400 : null;
        }
        if (body.hasNonNull("title")) {
            cv.title = body.get("title").asText();
        }
        if (body.hasNonNull("read")) {
            cv.read = body.get("read").asBoolean();
        }
        if (body.path("deleted").asBoolean(false)) {
            cv.deleted = true;
        }
        cv.updatedAt = now(at);
        conversations.put(cv);
        if (cv.deleted) {
            emit("conversation.deleted", cv, null);
        } else if (body.hasNonNull("state")) {
            emit(switch (cv.state) {
                case "closed" -> "conversation.admin.closed";
                case "snoozed" -> "conversation.admin.snoozed";
                default -> "conversation.admin.opened";
            }, cv, null);
        }
        return cv;
    }

    Ticket ticket(String id) {
        Ticket t = tickets.get(Ids.ticketIdx(id));
        if (t == null || !t.visible()) {
            throw ApiException.notFound("ticket_not_found", "Ticket not found");
        }
        return t;
    }

    synchronized Ticket updateTicket(String id, JsonNode body, Long at) {
        Ticket t = ticket(id);
        if (body.hasNonNull("ticket_state_id")) {
            String sid = body.get("ticket_state_id").asText();
            for (int i = 0; i < catalog.ticketStates.size(); i++) {
                if (catalog.ticketStates.get(i).id().equals(sid)) {
                    t.stateIdx = i;
                }
            }
        }
        if (body.hasNonNull("title")) {
            t.title = body.get("title").asText();
        }
        if (body.path("deleted").asBoolean(false)) {
            t.deleted = true;
        }
        t.updatedAt = now(at);
        tickets.put(t);
        if (body.hasNonNull("ticket_state_id")) {
            emit("ticket.state.updated", t, null);
        }
        return t;
    }

    // ---------------------------------------------------------------- helpers

    static String text(JsonNode body, String field) {
        JsonNode v = body == null ? null : body.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }

    private static Long longOrNull(JsonNode v) {
        return v == null || v.isNull() ? null : v.asLong();
    }

    static <T> List<T> take(Iterator<T> it, int n) {
        List<T> out = new ArrayList<>();
        while (out.size() < n && it.hasNext()) {
            out.add(it.next());
        }
        return out;
    }
}
