package io.custsync.sandbox.intercom;

import static io.custsync.sandbox.intercom.SearchQuery.Type.BOOLEAN;
import static io.custsync.sandbox.intercom.SearchQuery.Type.DATE;
import static io.custsync.sandbox.intercom.SearchQuery.Type.ID;
import static io.custsync.sandbox.intercom.SearchQuery.Type.INTEGER;
import static io.custsync.sandbox.intercom.SearchQuery.Type.STRING;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.custsync.sandbox.common.SandboxRequest;
import io.custsync.sandbox.common.SandboxResponse;
import io.custsync.sandbox.common.SandboxRouter;
import io.custsync.sandbox.intercom.Model.Contact;
import io.custsync.sandbox.intercom.Model.Conversation;
import io.custsync.sandbox.intercom.Model.Ticket;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/** /conversations, /tickets, /ticket_types and /ticket_states. Dates here compare to the second. */
final class ConversationsApi {
    static final int DEFAULT_PER_PAGE = 20;
    static final int MAX_PER_PAGE = 150;

    private static final Map<String, SearchQuery.Type> CONVERSATION_FIELDS = Map.ofEntries(Map.entry("id", ID),
            Map.entry("created_at", DATE), Map.entry("updated_at", DATE), Map.entry("source.type", STRING),
            Map.entry("source.delivered_as", STRING), Map.entry("source.subject", STRING), Map.entry("source.body", STRING),
            Map.entry("source.author.id", STRING), Map.entry("source.author.type", STRING), Map.entry("contact_ids", ID),
            Map.entry("teammate_ids", ID), Map.entry("admin_assignee_id", INTEGER), Map.entry("team_assignee_id", INTEGER),
            Map.entry("open", BOOLEAN), Map.entry("read", BOOLEAN), Map.entry("state", STRING),
            Map.entry("snoozed_until", DATE), Map.entry("tag_ids", ID), Map.entry("priority", STRING),
            Map.entry("statistics.count_conversation_parts", INTEGER));
    private static final Map<String, SearchQuery.Type> TICKET_FIELDS = Map.ofEntries(Map.entry("id", ID),
            Map.entry("created_at", DATE), Map.entry("updated_at", DATE), Map.entry("title", STRING),
            Map.entry("description", STRING), Map.entry("category", STRING), Map.entry("ticket_type_id", STRING),
            Map.entry("contact_ids", ID), Map.entry("teammate_ids", ID), Map.entry("admin_assignee_id", INTEGER),
            Map.entry("team_assignee_id", INTEGER), Map.entry("open", BOOLEAN), Map.entry("state", STRING),
            Map.entry("snoozed_until", DATE));

    private final Workspace ws;
    private final Views views;
    private final SearchRunner<Conversation> conversationSearch;
    private final SearchRunner<Ticket> ticketSearch;

    ConversationsApi(Workspace ws, Views views) {
        this.ws = ws;
        this.views = views;
        this.conversationSearch = new SearchRunner<>(ws.conversations, new SearchQuery.Schema("conversation",
                CONVERSATION_FIELDS, f -> null, false, ws.settings.timezone), this::conversationField,
                cv -> cv.searchableAt <= ws.clock.epochSecond())
                .withCountEpoch(() -> ws.searchLagSeconds > 0 ? ws.clock.epochSecond() : 0)
                .withSeed(ws.settings.seed)
                .withLookup(q -> {
                    String id = q.equalityValue("id");
                    return id == null ? null : java.util.Collections.singletonList(ws.conversations.get(Ids.conversationIdx(id)));
                });
        this.ticketSearch = new SearchRunner<>(ws.tickets, new SearchQuery.Schema("ticket", TICKET_FIELDS,
                f -> f.startsWith("ticket_attribute.") ? STRING : null, false, ws.settings.timezone), this::ticketField,
                t -> t.searchableAt <= ws.clock.epochSecond())
                .withCountEpoch(() -> ws.searchLagSeconds > 0 ? ws.clock.epochSecond() : 0)
                .withSeed(ws.settings.seed + 1);
    }

    void register(SandboxRouter r) {
        r.add("GET", "/conversations", this::list);
        r.add("POST", "/conversations/search", this::search);
        r.add("GET", "/conversations/{id}", req -> {
            ObjectNode n = views.conversation(ws.conversation(req.param("id")), true);
            if ("plaintext".equals(req.query("display_as"))) {
                plaintext(n.path("source"));
                n.path("conversation_parts").path("conversation_parts").forEach(ConversationsApi::plaintext);
            }
            return Http.ok(n);
        });
        r.add("POST", "/conversations/{id}/tags", req -> {
            requireAdmin(req);
            String tagId = Workspace.text(Http.body(req), "id");
            ws.tagConversation(req.param("id"), tagId, true, null);
            return Http.ok(views.appliedTag(ws.catalog.tag(tagId), ws.conversation(req.param("id")).tags.get(tagId)));
        });
        r.add("DELETE", "/conversations/{id}/tags/{tag_id}", req -> {
            requireAdmin(req);
            return Http.ok(Views.tag(ws.tagConversation(req.param("id"), req.param("tag_id"), false, null)));
        });
        r.add("POST", "/tickets/search", this::ticketSearch);
        r.add("GET", "/tickets/{id}", req -> Http.ok(views.ticket(ws.ticket(req.param("id")))));
        r.add("GET", "/ticket_types", req -> {
            ObjectNode n = Views.obj().put("type", "list");
            ArrayNode data = n.putArray("data");
            ws.catalog.ticketTypes.forEach(t -> data.add(views.ticketType(t, true)));
            return Http.ok(n);
        });
        r.add("GET", "/ticket_states", req -> {
            ObjectNode n = Views.obj().put("type", "list");
            ArrayNode data = n.putArray("data");
            ws.catalog.ticketStates.forEach(s -> data.add(views.ticketStateDetailed(s)));
            return Http.ok(n);
        });
    }

    /** display_as=plaintext: bodies without HTML markup. */
    private static void plaintext(com.fasterxml.jackson.databind.JsonNode holder) {
        if (holder instanceof ObjectNode o && o.hasNonNull("body")) {
            o.put("body", o.get("body").asText().replaceAll("<[^>]*>", "").trim());
        }
    }

    private void requireAdmin(SandboxRequest req) {
        String admin = Workspace.text(Http.body(req), "admin_id");
        if (admin == null) {
            throw new ApiException(400, "parameter_not_found", "admin_id not specified", "admin_id");
        }
        if (ws.catalog.admin(admin) == null) {
            throw ApiException.notFound("admin_not_found", "Admin not found");
        }
    }

    private Object conversationField(Conversation cv, String f) {
        return switch (f) {
            case "id" -> cv.id;
            case "created_at" -> cv.createdAt;
            case "updated_at" -> cv.updatedAt;
            case "source.type" -> cv.sourceType;
            case "source.delivered_as" -> cv.deliveredAs;
            case "source.subject" -> cv.subject;
            case "source.body" -> cv.body;
            case "source.author.id" -> cv.sourceAuthorId;
            case "source.author.type" -> cv.sourceAuthorType;
            case "contact_ids" -> cv.contactIdx >= 0 ? List.of(ws.ids.contactId(cv.contactIdx)) : List.of();
            case "teammate_ids" -> cv.adminAssigneeId != 0 ? List.of(Integer.toString(cv.adminAssigneeId)) : List.of();
            case "admin_assignee_id" -> (long) cv.adminAssigneeId;
            case "team_assignee_id" -> (long) cv.teamAssigneeId;
            case "open" -> !cv.state.equals("closed");
            case "read" -> cv.read;
            case "state" -> cv.state;
            case "snoozed_until" -> cv.snoozedUntil;
            case "tag_ids" -> List.copyOf(cv.tags.keySet());
            case "priority" -> cv.priority;
            case "statistics.count_conversation_parts" -> (long) (cv.generatedParts + cv.addedParts.size());
            default -> null;
        };
    }

    private Object ticketField(Ticket t, String f) {
        Model.TicketType type = ws.catalog.ticketTypes.get(t.typeIdx);
        Model.TicketState state = ws.catalog.ticketStates.get(t.stateIdx);
        return switch (f) {
            case "id" -> t.id;
            case "created_at" -> t.createdAt;
            case "updated_at" -> t.updatedAt;
            case "title", "ticket_attribute._default_title_" -> t.title;
            case "description", "ticket_attribute._default_description_" -> t.description;
            case "category" -> type.category();
            case "ticket_type_id" -> type.id();
            case "contact_ids" -> t.contactIdx >= 0 ? List.of(ws.ids.contactId(t.contactIdx)) : List.of();
            case "teammate_ids" -> t.adminAssigneeId != 0 ? List.of(Integer.toString(t.adminAssigneeId)) : List.of();
            case "admin_assignee_id" -> (long) t.adminAssigneeId;
            case "team_assignee_id" -> (long) t.teamAssigneeId;
            case "open" -> !state.category().equals("resolved");
            case "state" -> state.category();
            case "snoozed_until" -> t.snoozedUntil;
            default -> null;
        };
    }

    private ObjectNode conversationList(List<Conversation> items, long total, ObjectNode pages) {
        ObjectNode n = Views.obj();
        n.put("type", "conversation.list");
        ArrayNode arr = n.putArray("conversations");
        items.forEach(c -> arr.add(views.conversation(c, false)));
        n.put("total_count", total);
        n.set("pages", pages);
        return n;
    }

    /** Newest updated first; no updated-since filter exists here (use search). */
    private SandboxResponse list(SandboxRequest req) {
        int perPage = Paging.perPage(req.query("per_page") == null ? null : Http.intQuery(req, "per_page", DEFAULT_PER_PAGE),
                DEFAULT_PER_PAGE, MAX_PER_PAGE);
        Paging.Cursor cursor = Paging.decode(req.query("starting_after"));
        int page = cursor == null ? 1 : cursor.page();
        Iterator<Conversation> it = ws.conversations.bySortTime(false, Long.MIN_VALUE, Long.MAX_VALUE,
                cursor == null ? null : new long[] {cursor.sortValue(), cursor.idx()});
        List<Conversation> items = Workspace.take(it, perPage);
        Conversation last = items.isEmpty() ? null : items.get(items.size() - 1);
        String next = it.hasNext() && last != null ? Paging.encode(page + 1, last.updatedAt, last.idx) : null;
        long total = ws.conversations.visibleCount();
        return Http.ok(conversationList(items, total, Paging.cursorPages(page, perPage, total, next)));
    }

    private SandboxResponse search(SandboxRequest req) {
        SearchRunner.Page<Conversation> p = conversationSearch.run(Http.body(req), DEFAULT_PER_PAGE, MAX_PER_PAGE);
        return Http.ok(conversationList(p.items(), p.total(),
                Paging.cursorPages(p.page(), p.perPage(), p.total(), p.next())));
    }

    private SandboxResponse ticketSearch(SandboxRequest req) {
        SearchRunner.Page<Ticket> p = ticketSearch.run(Http.body(req), DEFAULT_PER_PAGE, MAX_PER_PAGE);
        ObjectNode n = Views.obj();
        n.put("type", "ticket.list");
        ArrayNode arr = n.putArray("tickets");
        p.items().forEach(t -> arr.add(views.ticket(t)));
        n.put("total_count", p.total());
        n.set("pages", Paging.cursorPages(p.page(), p.perPage(), p.total(), p.next()));
        return Http.ok(n);
    }
}
