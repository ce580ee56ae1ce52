package io.custsync.sandbox.intercom;

import com.fasterxml.jackson.databind.JsonNode;
import io.custsync.sandbox.common.Faults;
import io.custsync.sandbox.common.SandboxClock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * Test-side control of a running sandbox; the same operations are served over HTTP under {@code /_sandbox/}
 * ({@link IntercomControlApi}). Record changes take an explicit {@code updatedAt} (UNIX seconds; null = sandbox clock) so tests
 * can place a change exactly, e.g. at 23:59 workspace time. Nothing here counts against the rate limit.
 */
public final class IntercomControl {
    private final Workspace ws;
    private final Gatekeeper gate;
    private final Faults faults;
    private final IntercomCounters counters;
    private final CompaniesApi companiesApi;
    private final Webhooks webhooks;

    IntercomControl(Workspace ws, Gatekeeper gate, Faults faults, IntercomCounters counters, CompaniesApi companiesApi,
            Webhooks webhooks) {
        this.webhooks = webhooks;
        this.ws = ws;
        this.gate = gate;
        this.faults = faults;
        this.counters = counters;
        this.companiesApi = companiesApi;
    }

    private static JsonNode json(Map<String, ?> body) {
        return Views.JSON.valueToTree(body == null ? Map.of() : body);
    }

    // clock, tokens, rate limit, faults, counters
    public SandboxClock clock() { return ws.clock; }
    public long now() { return ws.clock.epochSecond(); }
    public void setClock(long epochSeconds) { ws.clock.set(Instant.ofEpochSecond(epochSeconds)); }
    public void advanceClock(long seconds) { ws.clock.advance(Duration.ofSeconds(seconds)); }
    public void freezeClock() { ws.clock.freeze(); }
    public void unfreezeClock() { ws.clock.unfreeze(); }
    public void revokeToken(String token) { gate.revoke(token); }
    public void restoreToken(String token) { gate.restore(token); }
    public void addToken(String token) { gate.addToken(token); }
    public void setRateLimit(int perTenSeconds) { gate.setRateLimit(perTenSeconds); }
    /** Changes made from now on (contacts, conversations, tickets; any API) become searchable this many seconds later. */
    public void setSearchLag(long seconds) { ws.searchLagSeconds = Math.max(0, seconds); }
    public Faults.Rule addFault(Faults.Rule rule) { return faults.add(rule); }
    public void clearFaults() { faults.clear(); }
    public IntercomCounters counters() { return counters; }
    /** Webhook subscriptions and the log of delivery attempts. */
    public Webhooks webhooks() { return webhooks; }
    public void resetCounters() { counters.reset(); }
    /** Forgets the open companies scroll (as if it had expired). */
    public void resetScroll() { companiesApi.resetScroll(); }

    // ids of generated records, for tests
    public String contactId(long index) { return ws.ids.contactId(index); }
    public String companyId(long index) { return ws.ids.companyId(index); }
    public String conversationId(long index) { return Ids.conversationId(index); }
    public String ticketId(long index) { return Ids.ticketId(index); }
    public String tagId(String name) {
        Model.Tag t = ws.catalog.tagByName(name);
        return t == null ? null : t.id();
    }
    /** Start and end of the generated time range (UNIX seconds). */
    public long dataStart() { return ws.gen.start; }
    public long dataEnd() { return ws.gen.end; }

    // records
    public String createContact(Map<String, ?> body, Long updatedAt) { return ws.createContact(json(body), updatedAt).id; }
    public void updateContact(String id, Map<String, ?> body, Long updatedAt) { ws.updateContact(id, json(body), updatedAt); }
    public void deleteContact(String id, Long updatedAt) { ws.deleteContact(id, updatedAt); }
    public void archiveContact(String id, Long updatedAt) { ws.archiveContact(id, true, updatedAt); }
    public void unarchiveContact(String id, Long updatedAt) { ws.archiveContact(id, false, updatedAt); }
    public void mergeContacts(String fromLead, String intoUser, Long updatedAt) { ws.mergeContacts(fromLead, intoUser, updatedAt); }
    /**
     * Serves a field of a contact wrongly from now on (a {@code MissingNode} removes the key): a poison record
     * for the client to cope with. {@link #curePoison} serves it normally again.
     */
    public void poisonContact(String id, String field, com.fasterxml.jackson.databind.JsonNode value) {
        poison("contact", id, field, value);
    }
    /**
     * Serves a field of any record wrongly from now on: {@code type} is contact, company, conversation or ticket,
     * {@code field} may be dotted ({@code statistics.last_contact_reply_at}); a null or {@code MissingNode} value
     * removes the key. In every answer that shows the record (list, search, retrieve, webhook).
     */
    public void poison(String type, String id, String field, com.fasterxml.jackson.databind.JsonNode value) {
        ws.poisoned.computeIfAbsent(type + "/" + id, k -> new java.util.concurrent.ConcurrentHashMap<>())
                .put(field, value == null ? com.fasterxml.jackson.databind.node.MissingNode.getInstance() : value);
    }
    /**
     * Serves a text field of a contact with bytes that are not UTF-8 (a Latin-1 {@code é}, as a badly converted
     * import leaves them): the rest of its page stays well-formed.
     */
    public void poisonContactWithInvalidUtf8(String id, String field) {
        poisonContact(id, field, com.fasterxml.jackson.databind.node.TextNode.valueOf("Ren" + Views.INVALID_UTF8 + "e"));
    }
    /** Serves the record (of any type) normally again. */
    public void curePoison(String id) { ws.poisoned.keySet().removeIf(key -> key.endsWith("/" + id)); }
    public void tagContact(String contactId, String tagId, Long updatedAt) { ws.tagContact(contactId, tagId, true, updatedAt); }
    public void untagContact(String contactId, String tagId, Long updatedAt) { ws.tagContact(contactId, tagId, false, updatedAt); }
    public String upsertCompany(Map<String, ?> body, Long updatedAt) { return ws.upsertCompany(json(body), updatedAt).id; }
    public void updateCompany(String id, Map<String, ?> body, Long updatedAt) { ws.updateCompany(id, json(body), updatedAt); }
    public void deleteCompany(String id, Long updatedAt) { ws.deleteCompany(id, updatedAt); }
    /** Appends parts (author "admin" or "user"); grows a conversation past the 500 parts the API returns. */
    public void addConversationParts(String id, int count, String authorType, Long updatedAt) {
        ws.addParts(id, count, authorType, null, updatedAt);
    }
    /** Body fields: delivered_as (customer_initiated|admin_initiated), source_type, subject, body, state. Returns the id. */
    public String createConversation(String contactId, Map<String, ?> body, Long updatedAt) {
        return ws.createConversation(contactId, json(body), updatedAt).id;
    }
    /** Body fields: state, title, read, deleted. */
    public void updateConversation(String id, Map<String, ?> body, Long updatedAt) { ws.updateConversation(id, json(body), updatedAt); }
    /** Body fields: ticket_state_id, title, deleted. */
    public void updateTicket(String id, Map<String, ?> body, Long updatedAt) { ws.updateTicket(id, json(body), updatedAt); }
}
