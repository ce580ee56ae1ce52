package io.custsync.sandbox.intercom;

import static io.custsync.sandbox.intercom.SearchQuery.Type.BOOLEAN;
import static io.custsync.sandbox.intercom.SearchQuery.Type.DATE;
import static io.custsync.sandbox.intercom.SearchQuery.Type.ID;
import static io.custsync.sandbox.intercom.SearchQuery.Type.STRING;
import static io.custsync.sandbox.intercom.SearchQuery.Type.TAG;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.custsync.sandbox.common.SandboxRequest;
import io.custsync.sandbox.common.SandboxResponse;
import io.custsync.sandbox.common.SandboxRouter;
import io.custsync.sandbox.intercom.Model.Company;
import io.custsync.sandbox.intercom.Model.Contact;
import io.custsync.sandbox.intercom.Model.DataAttribute;
import io.custsync.sandbox.intercom.Model.Tag;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/** /contacts endpoints. */
final class ContactsApi {
    static final int LIST_DEFAULT = 10; // not 50 as the spec text says (Intercom-OpenAPI PR #639)
    static final int SEARCH_DEFAULT = 50;
    static final int MAX_PER_PAGE = 150;

    private static final Map<String, SearchQuery.Type> FIELDS = Map.ofEntries(Map.entry("id", ID),
            Map.entry("role", STRING), Map.entry("name", STRING), Map.entry("email", STRING),
            Map.entry("email_domain", STRING), Map.entry("phone", STRING), Map.entry("external_id", STRING),
            Map.entry("owner_id", SearchQuery.Type.INTEGER), Map.entry("created_at", DATE), Map.entry("signed_up_at", DATE),
            Map.entry("updated_at", DATE), Map.entry("last_seen_at", DATE), Map.entry("last_contacted_at", DATE),
            Map.entry("last_replied_at", DATE), Map.entry("last_email_opened_at", DATE),
            Map.entry("last_email_clicked_at", DATE), Map.entry("browser", STRING), Map.entry("os", STRING),
            Map.entry("location.country", STRING), Map.entry("location.region", STRING), Map.entry("location.city", STRING),
            Map.entry("unsubscribed_from_emails", BOOLEAN), Map.entry("has_hard_bounced", BOOLEAN),
            Map.entry("marked_email_as_spam", BOOLEAN), Map.entry("tag_id", TAG), Map.entry("company_id", ID));

    private final Workspace ws;
    private final Views views;
    private final SearchRunner<Contact> search;

    ContactsApi(Workspace ws, Views views) {
        this.ws = ws;
        this.views = views;
        SearchQuery.Schema schema = new SearchQuery.Schema("contact", FIELDS, this::customFieldType, true,
                ws.settings.timezone);
        this.search = new SearchRunner<>(ws.contacts, schema, this::field, c -> c.searchableAt <= ws.clock.epochSecond())
                .withLookup(this::lookup).withSeed(ws.settings.seed)
                .withCountEpoch(() -> ws.searchLagSeconds > 0 ? ws.clock.epochSecond() : 0);
    }

    void register(SandboxRouter r) {
        r.add("GET", "/contacts", this::list);
        r.add("POST", "/contacts", req -> Http.ok(views.contact(ws.createContact(Http.body(req), null))));
        r.add("POST", "/contacts/search", this::search);
        r.add("GET", "/contacts/{id}", req -> Http.ok(view(ws.contactVisible(req.param("id")))));
        r.add("PUT", "/contacts/{id}", req -> Http.ok(view(ws.updateContact(req.param("id"), Http.body(req), null))));
        r.add("DELETE", "/contacts/{id}", req -> Http.ok(Views.contactRef("contact",
                ws.deleteContact(req.param("id"), null), "deleted", true)));
        r.add("POST", "/contacts/{id}/archive", req -> Http.ok(Views.contactRef("contact",
                ws.archiveContact(req.param("id"), true, null), "archived", true)));
        r.add("POST", "/contacts/{id}/unarchive", req -> Http.ok(Views.contactRef("contact",
                ws.archiveContact(req.param("id"), false, null), "archived", false)));
        r.add("POST", "/contacts/merge", req -> Http.ok(views.contactWithMergeHistory(ws.mergeContacts(
                Workspace.text(Http.body(req), "from"), Workspace.text(Http.body(req), "into"), null))));
        r.add("GET", "/contacts/find_by_external_id/{external_id}", this::byExternalId);
        r.add("GET", "/contacts/{id}/tags", this::tags);
        r.add("POST", "/contacts/{id}/tags", req -> {
            Tag t = ws.tagContact(req.param("id"), Workspace.text(Http.body(req), "id"), true, null);
            return Http.ok(views.appliedTag(t, ws.contactVisible(req.param("id")).tags.get(t.id())));
        });
        r.add("DELETE", "/contacts/{id}/tags/{tag_id}", req ->
                Http.ok(Views.tag(ws.tagContact(req.param("id"), req.param("tag_id"), false, null))));
        r.add("GET", "/contacts/{id}/companies", this::companies);
        r.add("POST", "/contacts/{id}/companies", req -> Http.ok(views.company(
                ws.linkCompany(req.param("id"), Workspace.text(Http.body(req), "id"), true, null))));
        r.add("DELETE", "/contacts/{id}/companies/{company_id}", req -> Http.ok(views.company(
                ws.linkCompany(req.param("id"), req.param("company_id"), false, null))));
    }

    private ObjectNode view(Contact c) {
        return views.contact(c);
    }

    private SearchQuery.Type customFieldType(String field) {
        if (!field.startsWith("custom_attributes.")) {
            return null;
        }
        DataAttribute d = ws.catalog.attribute("contact", field.substring("custom_attributes.".length()));
        if (d == null) {
            return null;
        }
        return switch (d.dataType) {
            case "integer" -> SearchQuery.Type.INTEGER;
            case "float" -> SearchQuery.Type.FLOAT;
            case "boolean" -> BOOLEAN;
            case "date" -> DATE;
            default -> STRING;
        };
    }

    /** email / external_id / id equality is answered by a key lookup, not a scan of (up to) a million contacts. */
    private java.util.Collection<Contact> lookup(SearchQuery q) {
        String email = q.equalityValue("email");
        if (email != null) {
            return java.util.Collections.singletonList(ws.contactByEmail(email));
        }
        String externalId = q.equalityValue("external_id");
        if (externalId != null) {
            return java.util.Collections.singletonList(ws.contactByExternalId(externalId));
        }
        String id = q.equalityValue("id");
        return id != null ? java.util.Collections.singletonList(ws.contactAny(id)) : null;
    }

    private Object field(Contact c, String f) {
        return switch (f) {
            case "id" -> c.id;
            case "role" -> c.role;
            case "name" -> c.name;
            case "email" -> c.email;
            case "email_domain" -> c.email == null ? null : c.email.substring(c.email.indexOf('@') + 1);
            case "phone" -> c.phone;
            case "external_id" -> c.externalId;
            case "owner_id" -> c.ownerId == null ? null : Long.parseLong(c.ownerId);
            case "created_at" -> c.createdAt;
            case "signed_up_at" -> c.signedUpAt;
            case "updated_at" -> c.updatedAt;
            case "last_seen_at" -> c.lastSeenAt;
            case "last_contacted_at" -> c.lastContactedAt;
            case "last_replied_at" -> c.lastRepliedAt;
            case "last_email_opened_at" -> c.lastEmailOpenedAt;
            case "last_email_clicked_at" -> c.lastEmailClickedAt;
            case "browser" -> c.browser;
            case "os" -> c.os;
            case "location.country" -> c.country;
            case "location.region" -> c.region;
            case "location.city" -> c.city;
            case "unsubscribed_from_emails" -> c.unsubscribed;
            case "has_hard_bounced" -> c.hardBounced;
            case "marked_email_as_spam" -> c.spam;
            case "tag_id" -> List.copyOf(c.tags.keySet());
            case "company_id" -> ws.companiesOfContact(c).stream().map(co -> co.id).toList();
            default -> f.startsWith("custom_attributes.") ? c.custom.get(f.substring(18)) : null;
        };
    }

    private SandboxResponse list(SandboxRequest req) {
        int perPage = Paging.perPage(req.query("per_page") == null ? null : Http.intQuery(req, "per_page", LIST_DEFAULT),
                LIST_DEFAULT, MAX_PER_PAGE);
        Paging.Cursor cursor = Paging.decode(req.query("starting_after"));
        int page = cursor == null ? 1 : cursor.page();
        Iterator<Contact> it = ws.contacts.byIndex(cursor == null ? 0 : cursor.idx() + 1);
        List<Contact> items = Workspace.take(it, perPage);
        String next = it.hasNext() && !items.isEmpty()
                ? Paging.encode(page + 1, 0, items.get(items.size() - 1).idx) : null;
        return Http.ok(contactList(items, ws.contacts.visibleCount(), Paging.cursorPages(page, perPage,
                ws.contacts.visibleCount(), next)));
    }

    private ObjectNode contactList(List<Contact> items, long total, ObjectNode pages) {
        ObjectNode n = Views.obj();
        n.put("type", "list");
        ArrayNode data = n.putArray("data");
        items.forEach(c -> data.add(views.contact(c)));
        n.put("total_count", total);
        n.set("pages", pages);
        return n;
    }

    /** The cursor is read from the body only: a starting_after in the query string is ignored (page 1 again). */
    private SandboxResponse search(SandboxRequest req) {
        SearchRunner.Page<Contact> p = search.run(Http.body(req), SEARCH_DEFAULT, MAX_PER_PAGE);
        return Http.ok(contactList(p.items(), p.total(), Paging.cursorPages(p.page(), p.perPage(), p.total(), p.next())));
    }

    private SandboxResponse byExternalId(SandboxRequest req) {
        Contact c = ws.contactByExternalId(req.param("external_id"));
        if (c == null || !c.visible() || !c.role.equals("user")) {
            throw ApiException.notFound("not_found", "User Not Found");
        }
        return Http.ok(views.contact(c));
    }

    private SandboxResponse tags(SandboxRequest req) {
        Contact c = ws.contactVisible(req.param("id"));
        ObjectNode n = Views.obj();
        n.put("type", "list");
        ArrayNode data = n.putArray("data");
        c.tags.forEach((id, at) -> {
            Tag t = ws.catalog.tag(id);
            if (t != null) {
                data.add(views.appliedTag(t, at));
            }
        });
        return Http.ok(n);
    }

    private SandboxResponse companies(SandboxRequest req) {
        Contact c = ws.contactVisible(req.param("id"));
        int perPage = Paging.perPage(req.query("per_page") == null ? null : Http.intQuery(req, "per_page", 50), 50, 150);
        int page = Math.max(1, Http.intQuery(req, "page", 1));
        List<Company> all = ws.companiesOfContact(c);
        int from = Math.min(all.size(), (page - 1) * perPage);
        List<Company> slice = all.subList(from, Math.min(all.size(), from + perPage));
        String next = from + perPage < all.size()
                ? "/contacts/" + c.id + "/companies?page=" + (page + 1) + "&per_page=" + perPage : null;
        ObjectNode n = Views.obj();
        n.put("type", "list");
        ArrayNode data = n.putArray("data"); // the API (and the spec example) use "data"; the schema says "companies"
        slice.forEach(co -> data.add(views.company(co)));
        n.put("total_count", all.size());
        n.set("pages", Paging.linkPages(page, perPage, all.size(), next));
        return Http.ok(n);
    }
}
