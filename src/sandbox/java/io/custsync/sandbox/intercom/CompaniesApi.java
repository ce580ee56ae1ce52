package io.custsync.sandbox.intercom;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.custsync.sandbox.common.SandboxRequest;
import io.custsync.sandbox.common.SandboxResponse;
import io.custsync.sandbox.common.SandboxRouter;
import io.custsync.sandbox.intercom.Model.Company;
import io.custsync.sandbox.intercom.Model.Contact;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.UUID;
import java.util.function.Predicate;

/** /companies endpoints, including the one-per-app scroll. */
final class CompaniesApi {
    static final int LIST_DEFAULT = 15;
    static final int LIST_MAX = 60;
    static final int LIST_CAP = 10_000;
    static final int SCROLL_PAGE = 15;

    private final Workspace ws;
    private final Views views;
    /**
     * The single open scroll of the app: param, next index, end (the companies that existed when it began: Intercom
     * does not say a scroll shows companies created while it runs, so this one does not), last use (sandbox clock).
     */
    private String scrollParam;
    private long scrollNext;
    private long scrollEnd;
    private long scrollLastUsed;

    CompaniesApi(Workspace ws, Views views) {
        this.ws = ws;
        this.views = views;
    }

    void register(SandboxRouter r) {
        r.add("POST", "/companies", req -> Http.ok(views.company(ws.upsertCompany(Http.body(req), null))));
        r.add("GET", "/companies", this::retrieve);
        r.add("GET", "/companies/{id}", req -> Http.ok(views.company(ws.companyVisible(req.param("id")))));
        r.add("PUT", "/companies/{id}", req -> Http.ok(views.company(ws.updateCompany(req.param("id"), Http.body(req), null))));
        r.add("DELETE", "/companies/{id}", req -> {
            Company co = ws.deleteCompany(req.param("id"), null);
            return Http.ok(Views.obj().put("id", co.id).put("object", "company").put("deleted", true));
        });
        r.add("POST", "/companies/list", this::list);
        r.add("GET", "/companies/scroll", this::scroll);
        r.add("GET", "/companies/{id}/contacts", this::contacts);
    }

    private ObjectNode companyList(List<Company> items, long total, ObjectNode pages) {
        ObjectNode n = Views.obj();
        n.put("type", "list");
        ArrayNode data = n.putArray("data");
        items.forEach(c -> data.add(views.company(c)));
        n.put("total_count", total);
        n.set("pages", pages);
        return n;
    }

    /** GET /companies?company_id= | name= (one company in a list envelope, or 404) | tag_id= | segment_id= | all. */
    private SandboxResponse retrieve(SandboxRequest req) {
        String key = req.query("company_id");
        String name = req.query("name");
        if (key != null || name != null) {
            Company co = key != null ? ws.companyByKey(key) : findByName(name);
            if (co == null) {
                throw ApiException.notFound("company_not_found", "Company Not Found");
            }
            return Http.ok(companyList(List.of(co), 1, Paging.linkPages(1, LIST_DEFAULT, 1, null)));
        }
        String tagId = req.query("tag_id");
        String segmentId = req.query("segment_id");
        if (segmentId == null && tagId == null) {
            return pageNumbered(req, "/companies", ws.companies.byIndex(0), c -> true, Long.MAX_VALUE,
                    ws.companies::visibleCount);
        }
        Predicate<Company> filter = segmentId != null ? c -> false : c -> c.tags.contains(tagId);
        return pageNumbered(req, "/companies", ws.companies.byIndex(0), filter, Long.MAX_VALUE, null);
    }

    private Company findByName(String name) {
        Iterator<Company> it = ws.companies.byIndex(0);
        while (it.hasNext()) {
            Company c = it.next();
            if (name.equals(c.name)) {
                return c;
            }
        }
        return null;
    }

    /** Sorted by last_request_at, only companies with users, never more than 10,000 results (use scroll beyond). */
    private SandboxResponse list(SandboxRequest req) {
        boolean asc = "asc".equalsIgnoreCase(req.query("order"));
        Iterator<Company> it = ws.companies.bySortTime(asc, Long.MIN_VALUE, Long.MAX_VALUE, null);
        return pageNumbered(req, "/companies/list", it, c -> ws.userCount(c) > 0, LIST_CAP, this::companiesWithUsers);
    }

    private String countKey;
    private long countValue;

    /** Companies with ≥ 1 contact; a full pass over 200k companies takes seconds, so it is cached per data version. */
    private long companiesWithUsers() {
        String key = ws.contacts.version() + "/" + ws.companies.version();
        synchronized (this) {
            if (key.equals(countKey)) {
                return countValue;
            }
        }
        long n = 0;
        for (Iterator<Company> it = ws.companies.byIndex(0); it.hasNext(); ) {
            if (ws.userCount(it.next()) > 0) {
                n++;
            }
        }
        synchronized (this) {
            countKey = key;
            countValue = n;
        }
        return n;
    }

    /**
     * Page-number paging: skips (page-1)·per_page matches (never past {@code cap}); {@code total} counts all matches
     * cheaply when known, else the iterator is run to its end.
     */
    private SandboxResponse pageNumbered(SandboxRequest req, String path, Iterator<Company> it, Predicate<Company> filter, long cap,
            java.util.function.LongSupplier knownTotal) {
        int perPage = Paging.perPage(req.query("per_page") == null ? null : Http.intQuery(req, "per_page", LIST_DEFAULT),
                LIST_DEFAULT, LIST_MAX);
        int page = Math.max(1, Http.intQuery(req, "page", 1));
        long skip = (long) (page - 1) * perPage;
        List<Company> items = new ArrayList<>();
        long seen = 0;
        while (it.hasNext() && items.size() < perPage && seen < cap && (knownTotal == null || seen < skip + perPage)) {
            Company c = it.next();
            if (!filter.test(c)) {
                continue;
            }
            if (seen >= skip) {
                items.add(c);
            }
            seen++;
        }
        long total = seen;
        if (knownTotal != null) {
            total = knownTotal.getAsLong();
        } else {
            while (it.hasNext()) {
                if (filter.test(it.next())) {
                    total++;
                }
            }
        }
        long reachable = Math.min(total, cap);
        String next = skip + perPage < reachable ? path + "?page=" + (page + 1) + "&per_page=" + perPage : null;
        return Http.ok(companyList(items, total, Paging.linkPages(page, perPage, reachable, next)));
    }

    private synchronized SandboxResponse scroll(SandboxRequest req) {
        String param = req.query("scroll_param");
        long now = ws.clock.epochSecond();
        boolean open = scrollParam != null && now - scrollLastUsed < ws.settings.scrollExpirySeconds;
        if (!open) {
            scrollParam = null;
        }
        if (param == null || param.isEmpty()) {
            if (open) {
                throw new ApiException(400, "scroll_exists", "scroll already exists for this app");
            }
            scrollParam = UUID.randomUUID().toString();
            scrollNext = 0;
            scrollEnd = ws.companies.nextIdx();
        } else if (!param.equals(scrollParam)) {
            throw ApiException.notFound("not_found", "scroll_param not found or expired; restart the scroll");
        }
        scrollLastUsed = now;
        Iterator<Company> it = ws.companies.byIndex(scrollNext);
        List<Company> items = Workspace.take(it, SCROLL_PAGE);
        items.removeIf(c -> c.idx >= scrollEnd);
        ObjectNode n = Views.obj();
        n.put("type", "list");
        ArrayNode data = n.putArray("data");
        items.forEach(c -> data.add(views.company(c)));
        n.putNull("pages");
        n.putNull("total_count");
        n.put("scroll_param", scrollParam);
        if (items.isEmpty()) {
            scrollParam = null; // end of data: the param expires and a new scroll may start
        } else {
            scrollNext = items.get(items.size() - 1).idx + 1;
        }
        return Http.ok(n);
    }

    /** Test hook: forget the open scroll. */
    synchronized void resetScroll() {
        scrollParam = null;
    }

    private SandboxResponse contacts(SandboxRequest req) {
        Company co = ws.companyVisible(req.param("id"));
        int perPage = Paging.perPage(req.query("per_page") == null ? null : Http.intQuery(req, "per_page", 50), 50, 150);
        int page = Math.max(1, Http.intQuery(req, "page", 1));
        List<Contact> all = ws.membersOf(co);
        int from = Math.min(all.size(), (page - 1) * perPage);
        ObjectNode n = Views.obj();
        n.put("type", "list");
        ArrayNode data = n.putArray("data");
        all.subList(from, Math.min(all.size(), from + perPage)).forEach(c -> data.add(views.contact(c)));
        n.put("total_count", all.size());
        ObjectNode pages = n.putObject("pages");
        pages.put("type", "pages");
        if (from + perPage < all.size()) {
            pages.putObject("next").put("page", page + 1);
        }
        pages.put("page", page);
        pages.put("per_page", perPage);
        pages.put("total_pages", Paging.totalPages(all.size(), perPage));
        return Http.ok(n);
    }
}
