package io.custsync.sandbox.intercom;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.custsync.sandbox.intercom.Model.Admin;
import io.custsync.sandbox.intercom.Model.Company;
import io.custsync.sandbox.intercom.Model.Contact;
import io.custsync.sandbox.intercom.Model.Conversation;
import io.custsync.sandbox.intercom.Model.DataAttribute;
import io.custsync.sandbox.intercom.Model.Part;
import io.custsync.sandbox.intercom.Model.Tag;
import io.custsync.sandbox.intercom.Model.Ticket;
import io.custsync.sandbox.intercom.Model.TicketState;
import io.custsync.sandbox.intercom.Model.TicketType;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Records → Intercom 2.16 JSON shapes. Field nullability follows the OpenAPI schemas (absent rather than null where the schema forbids null). */
final class Views {
    static final ObjectMapper JSON = new ObjectMapper();

    /** Stands for a byte that is not UTF-8 in a served value ({@link IntercomControl#poisonContactWithInvalidUtf8}). */
    static final String INVALID_UTF8 = "\uE000";
    private static final byte[] MARK = INVALID_UTF8.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    private static final byte LATIN1_E_ACUTE = (byte) 0xE9;

    /** The serialized answer with each {@link #INVALID_UTF8} replaced by the one byte 0xE9 (Latin-1 é): not UTF-8. */
    static byte[] withInvalidUtf8(byte[] json) {
        int at = indexOf(json, 0);
        if (at < 0) {
            return json;
        }
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream(json.length);
        int from = 0;
        while (at >= 0) {
            out.write(json, from, at - from);
            out.write(LATIN1_E_ACUTE);
            from = at + MARK.length;
            at = indexOf(json, from);
        }
        out.write(json, from, json.length - from);
        return out.toByteArray();
    }

    private static int indexOf(byte[] bytes, int from) {
        for (int i = from; i <= bytes.length - MARK.length; i++) {
            if (bytes[i] == MARK[0] && bytes[i + 1] == MARK[1] && bytes[i + 2] == MARK[2]) {
                return i;
            }
        }
        return -1;
    }
    static final int SUBLIST_LIMIT = 10;
    static final int MAX_PARTS = 500;
    static final Set<String> STANDARD_CONTACT_ATTRIBUTES = Set.of("name", "email", "phone", "role", "external_id",
            "created_at", "updated_at", "signed_up_at", "last_seen_at", "owner_id", "unsubscribed_from_emails");

    private final Workspace ws;

    Views(Workspace ws) {
        this.ws = ws;
    }

    static ObjectNode obj() {
        return JSON.createObjectNode();
    }

    private static void putLong(ObjectNode n, String f, Long v) {
        if (v == null) {
            n.putNull(f);
        } else {
            n.put(f, v);
        }
    }

    private static void putAny(ObjectNode n, String f, Object v) {
        n.set(f, JSON.valueToTree(v));
    }

    ObjectNode contact(Contact c) {
        ObjectNode n = obj();
        n.put("type", "contact");
        n.put("id", c.id);
        n.put("workspace_id", ws.appId);
        n.put("external_id", c.externalId);
        n.put("role", c.role);
        n.put("email", c.email == null ? "" : c.email);
        String email = c.email == null ? "" : c.email;
        n.put("email_domain", email.contains("@") ? email.substring(email.indexOf('@') + 1) : "");
        n.put("phone", c.phone);
        n.put("name", c.name);
        n.put("owner_id", c.ownerId);
        n.put("has_hard_bounced", c.hardBounced);
        n.put("marked_email_as_spam", c.spam);
        n.put("unsubscribed_from_emails", c.unsubscribed);
        n.put("created_at", c.createdAt);
        n.put("updated_at", c.updatedAt);
        putLong(n, "signed_up_at", c.signedUpAt);
        putLong(n, "last_seen_at", c.lastSeenAt);
        putLong(n, "last_replied_at", c.lastRepliedAt);
        putLong(n, "last_contacted_at", c.lastContactedAt);
        putLong(n, "last_email_opened_at", c.lastEmailOpenedAt);
        putLong(n, "last_email_clicked_at", c.lastEmailClickedAt);
        n.putNull("language_override");
        n.put("browser", c.browser);
        n.putNull("browser_version");
        n.put("browser_language", "en");
        n.put("os", c.os);
        for (String f : List.of("android_app_name", "android_app_version", "android_device", "android_os_version",
                "android_sdk_version", "ios_app_name", "ios_app_version", "ios_device", "ios_os_version", "ios_sdk_version")) {
            n.putNull(f);
        }
        n.putNull("android_last_seen_at");
        n.putNull("ios_last_seen_at");
        putAny(n, "custom_attributes", c.custom);
        ObjectNode avatar = n.putObject("avatar");
        avatar.put("type", "avatar");
        avatar.putNull("image_url");
        List<String> tagIds = new ArrayList<>(c.tags.keySet());
        n.set("tags", subList("tag", tagIds, id -> "/tags/" + id, "/contacts/" + c.id + "/tags"));
        List<String> noteIds = new ArrayList<>();
        for (int i = 0; i < c.notes; i++) {
            noteIds.add(Long.toString(30_000_000L + c.idx * 10 + i));
        }
        n.set("notes", subList("note", noteIds, id -> "/notes/" + id, "/contacts/" + c.id + "/notes"));
        List<String> companyIds = ws.companiesOfContact(c).stream().map(co -> co.id).toList();
        n.set("companies", subList("company", companyIds, id -> "/companies/" + id, "/contacts/" + c.id + "/companies"));
        ObjectNode loc = n.putObject("location");
        loc.put("type", "location");
        loc.put("country", c.country);
        loc.put("region", c.region);
        loc.put("city", c.city);
        n.putObject("social_profiles").put("type", "list").putArray("data");
        n.set("opted_out_subscription_types", subList("subscription", List.of(), id -> "", "/contacts/" + c.id + "/subscriptions"));
        n.set("opted_in_subscription_types", subList("subscription", List.of(), id -> "", "/contacts/" + c.id + "/subscriptions"));
        n.putNull("utm_campaign");
        n.putNull("utm_content");
        n.putNull("utm_medium");
        n.putNull("utm_source");
        n.putNull("utm_term");
        n.putNull("referrer");
        n.put("enabled_push_messaging", (Boolean) null);
        return poisoned("contact", c.id, n);
    }

    /** The record as served, with the fields a test poisoned ({@link IntercomControl#poison}); a dotted name reaches into objects. */
    private ObjectNode poisoned(String type, String id, ObjectNode n) {
        ws.poisoned.getOrDefault(type + "/" + id, java.util.Map.of()).forEach((field, value) -> {
            ObjectNode parent = n;
            String[] path = field.split("\\.");
            for (int i = 0; i < path.length - 1; i++) {
                parent = parent.path(path[i]).isObject() ? (ObjectNode) parent.get(path[i]) : parent.putObject(path[i]);
            }
            String leaf = path[path.length - 1];
            if (value == null || value.isMissingNode()) {
                parent.remove(leaf);
            } else {
                parent.set(leaf, value);
            }
        });
        return n;
    }

    /** Embedded contact sub-list: at most 10 items, the true total and has_more (follow url for the rest). */
    private static ObjectNode subList(String type, List<String> ids, java.util.function.Function<String, String> url,
            String listUrl) {
        ObjectNode n = obj();
        n.put("type", "list");
        ArrayNode data = n.putArray("data");
        for (String id : ids.subList(0, Math.min(SUBLIST_LIMIT, ids.size()))) {
            data.addObject().put("type", type).put("id", id).put("url", url.apply(id));
        }
        n.put("url", listUrl);
        n.put("total_count", ids.size());
        n.put("has_more", ids.size() > SUBLIST_LIMIT);
        return n;
    }

    ObjectNode contactWithMergeHistory(Contact c) {
        ObjectNode n = contact(c);
        ArrayNode h = n.putArray("merge_history");
        for (String[] m : c.mergeHistory) {
            h.addObject().put("type", "merge_history").put("source_contact_id", m[0]).put("source_contact_role", m[1])
                    .put("merged_at", Long.parseLong(m[2]));
        }
        return n;
    }

    static ObjectNode contactRef(String type, Contact c, String flag, boolean value) {
        ObjectNode n = obj();
        n.put("type", type);
        n.put("id", c.id);
        n.put("external_id", c.externalId);
        n.put(flag, value);
        return n;
    }

    ObjectNode company(Company co) {
        ObjectNode n = obj();
        n.put("type", "company");
        n.put("id", co.id);
        n.put("name", co.name);
        n.put("app_id", ws.appId);
        ObjectNode plan = n.putObject("plan");
        if (co.plan != null) {
            plan.put("type", "plan").put("id", Integer.toString(Math.abs(co.plan.hashCode()) % 100_000)).put("name", co.plan);
        }
        n.put("company_id", co.companyId);
        n.put("remote_created_at", co.remoteCreatedAt);
        n.put("created_at", co.createdAt);
        n.put("updated_at", co.updatedAt);
        n.put("last_request_at", co.lastRequestAt);
        if (co.size != null) {
            n.put("size", co.size);
        }
        if (co.website != null) {
            n.put("website", co.website);
        }
        if (co.industry != null) {
            n.put("industry", co.industry);
        }
        if (co.monthlySpend != null) {
            n.put("monthly_spend", co.monthlySpend);
        }
        n.put("session_count", co.sessionCount);
        n.put("user_count", ws.userCount(co));
        putAny(n, "custom_attributes", co.custom);
        ObjectNode tags = n.putObject("tags");
        tags.put("type", "tag.list");
        ArrayNode arr = tags.putArray("tags");
        for (String id : co.tags) {
            Tag t = ws.catalog.tag(id);
            if (t != null) {
                arr.addObject().put("type", "tag").put("id", t.id()).put("name", t.name());
            }
        }
        n.putObject("segments").put("type", "segment.list").putArray("segments");
        n.putObject("notes").put("type", "note.list").putArray("notes");
        return poisoned("company", co.id, n);
    }

    static ObjectNode tag(Tag t) {
        return obj().put("type", "tag").put("id", t.id()).put("name", t.name());
    }

    ObjectNode appliedTag(Tag t, long appliedAt) {
        ObjectNode n = tag(t);
        n.put("applied_at", appliedAt);
        n.putObject("applied_by").put("type", "admin").put("id", ws.catalog.admins.get(0).id());
        return n;
    }

    static ObjectNode admin(Admin a) {
        ObjectNode n = obj();
        n.put("type", "admin");
        n.put("id", a.id());
        n.put("name", a.name());
        n.put("email", a.email());
        n.put("job_title", a.jobTitle());
        n.put("away_mode_enabled", false);
        n.put("away_mode_reassign", false);
        n.put("has_inbox_seat", true);
        ArrayNode teams = n.putArray("team_ids");
        a.teamIds().forEach(teams::add);
        n.putNull("avatar"); // admin schema: avatar is a nullable URL string (unlike /me)
        return n;
    }

    ObjectNode me() {
        ObjectNode n = admin(ws.catalog.admins.get(0));
        n.putObject("avatar").put("type", "avatar").putNull("image_url");
        n.put("email_verified", true);
        ObjectNode app = n.putObject("app");
        app.put("type", "app");
        app.put("id_code", ws.appId);
        app.put("name", "Intercom Sandbox");
        app.put("region", "US");
        app.put("timezone", ws.settings.timezone.getId());
        app.put("created_at", ws.gen.start);
        app.put("identity_verification", false);
        return n;
    }

    static ObjectNode dataAttribute(DataAttribute d) {
        ObjectNode n = obj();
        n.put("type", "data_attribute");
        if (d.custom) {
            n.put("id", d.id);
        }
        n.put("model", d.model);
        n.put("name", d.name);
        n.put("full_name", d.custom ? "custom_attributes." + d.name : d.name);
        n.put("label", d.label);
        n.put("description", d.description);
        n.put("data_type", d.dataType.equals("options") ? "string" : d.dataType);
        if (!d.options.isEmpty()) {
            ArrayNode o = n.putArray("options");
            d.options.forEach(o::add);
        }
        n.put("api_writable", true);
        n.put("ui_writable", true);
        n.put("messenger_writable", d.messengerWritable);
        n.put("custom", d.custom);
        n.put("archived", d.archived);
        n.put("created_at", d.createdAt);
        n.put("updated_at", d.updatedAt);
        n.put("admin_id", ADMIN0);
        return n;
    }

    private static final String ADMIN0 = "991000"; // IntercomDataGenerator.adminId(0)

    /** Built-in (non-custom) attributes listed before the custom ones, as Intercom does. */
    static List<DataAttribute> builtIns(String model, long createdAt) {
        List<DataAttribute> out = new ArrayList<>();
        String[][] defs = model.equals("contact")
                ? new String[][] {{"name", "string"}, {"email", "string"}, {"phone", "string"}, {"external_id", "string"},
                    {"created_at", "date"}, {"updated_at", "date"}, {"signed_up_at", "date"}, {"last_seen_at", "date"}}
                : new String[][] {{"name", "string"}, {"company_id", "string"}, {"plan", "string"}, {"size", "integer"},
                    {"website", "string"}, {"industry", "string"}, {"monthly_spend", "float"}, {"created_at", "date"}};
        for (String[] d : defs) {
            DataAttribute a = new DataAttribute();
            a.model = model;
            a.name = d[0];
            a.label = d[0];
            a.description = "";
            a.dataType = d[1];
            a.createdAt = createdAt;
            a.updatedAt = createdAt;
            out.add(a);
        }
        return out;
    }

    ObjectNode conversation(Conversation cv, boolean withParts) {
        ObjectNode n = obj();
        List<Part> parts = ws.parts(cv);
        n.put("type", "conversation");
        n.put("id", cv.id);
        n.put("title", cv.title);
        n.put("created_at", cv.createdAt);
        n.put("updated_at", cv.updatedAt);
        Part lastCustomer = null;
        Part lastAdmin = null;
        Part firstCustomer = null;
        Part firstAdmin = null;
        Part lastClose = null;
        Part firstClose = null;
        for (Part p : parts) {
            boolean customer = isCustomer(p.authorType);
            if (customer && p.body != null) {
                lastCustomer = p;
                firstCustomer = firstCustomer == null ? p : firstCustomer;
            } else if ("admin".equals(p.authorType) && "comment".equals(p.partType)) {
                lastAdmin = p;
                firstAdmin = firstAdmin == null ? p : firstAdmin;
            }
            if ("close".equals(p.partType)) {
                lastClose = p;
                firstClose = firstClose == null ? p : firstClose;
            }
        }
        boolean customerOpened = isCustomer(cv.sourceAuthorType);
        Part last = parts.isEmpty() ? null : parts.get(parts.size() - 1);
        boolean customerSpokeLast = last != null ? isCustomer(last.authorType) : customerOpened;
        if (customerSpokeLast && !cv.state.equals("closed")) {
            n.put("waiting_since", last != null ? last.createdAt : cv.createdAt);
        } else {
            n.putNull("waiting_since");
        }
        putLong(n, "snoozed_until", cv.snoozedUntil);
        n.put("open", !cv.state.equals("closed"));
        n.put("state", cv.state);
        n.put("read", cv.read);
        n.put("priority", cv.priority);
        n.put("admin_assignee_id", cv.adminAssigneeId);
        n.put("team_assignee_id", cv.teamAssigneeId);
        ObjectNode tags = n.putObject("tags");
        tags.put("type", "tag.list");
        ArrayNode tagArr = tags.putArray("tags");
        for (Map.Entry<String, Long> e : cv.tags.entrySet()) {
            Tag t = ws.catalog.tag(e.getKey());
            if (t != null) {
                tagArr.add(appliedTag(t, e.getValue()));
            }
        }
        Contact contact = cv.contactIdx >= 0 ? ws.contacts.get(cv.contactIdx) : null;
        if (cv.rating != null && contact != null) {
            ObjectNode r = n.putObject("conversation_rating");
            r.put("rating", cv.rating);
            r.put("remark", "");
            r.put("created_at", cv.updatedAt);
            r.put("updated_at", cv.updatedAt);
            r.set("contact", obj().put("type", "contact").put("id", contact.id).put("external_id", contact.externalId));
            r.set("teammate", obj().put("type", "admin").put("id", Integer.toString(cv.adminAssigneeId)));
        } else {
            n.putNull("conversation_rating");
        }
        ObjectNode src = n.putObject("source");
        src.put("type", cv.sourceType);
        src.put("id", Long.toString(20_000_000_000L + cv.idx));
        src.put("delivered_as", cv.deliveredAs);
        src.put("subject", cv.subject);
        src.put("body", cv.body);
        ObjectNode author = src.putObject("author");
        author.put("type", cv.sourceAuthorType);
        author.put("id", cv.sourceAuthorId);
        if (customerOpened && contact != null) {
            author.put("name", contact.name);
            author.put("email", contact.email);
        } else {
            author.put("name", "Admin 0");
            author.put("email", "admin0@sandbox.example.com");
        }
        src.putArray("attachments");
        src.putNull("url");
        src.put("redacted", false);
        ObjectNode contacts = n.putObject("contacts");
        contacts.put("type", "contact.list");
        ArrayNode carr = contacts.putArray("contacts");
        if (contact != null) {
            carr.addObject().put("type", "contact").put("id", contact.id).put("external_id", contact.externalId);
        }
        ObjectNode team = n.putObject("teammates");
        team.put("type", "admin.list");
        ArrayNode tarr = team.putArray("teammates");
        if (cv.adminAssigneeId != 0) {
            tarr.addObject().put("type", "admin").put("id", Integer.toString(cv.adminAssigneeId));
        }
        n.putObject("custom_attributes");
        if (firstCustomer != null) {
            n.putObject("first_contact_reply").put("created_at", firstCustomer.createdAt).put("type", cv.sourceType).putNull("url");
        } else if (customerOpened) {
            n.putObject("first_contact_reply").put("created_at", cv.createdAt).put("type", cv.sourceType).putNull("url");
        } else {
            n.putNull("first_contact_reply");
        }
        n.putNull("sla_applied");
        ObjectNode st = n.putObject("statistics");
        st.put("type", "conversation_statistics");
        if (firstAdmin != null) {
            st.put("time_to_admin_reply", firstAdmin.createdAt - cv.createdAt);
            st.put("first_admin_reply_at", firstAdmin.createdAt);
            st.put("last_admin_reply_at", lastAdmin.createdAt);
        }
        if (firstCustomer != null || customerOpened) {
            st.put("first_contact_reply_at", firstCustomer != null && !customerOpened ? firstCustomer.createdAt : cv.createdAt);
            st.put("last_contact_reply_at", lastCustomer != null ? lastCustomer.createdAt : cv.createdAt);
        }
        if (firstClose != null) {
            st.put("first_close_at", firstClose.createdAt);
            st.put("last_close_at", lastClose.createdAt);
            st.put("time_to_first_close", firstClose.createdAt - cv.createdAt);
            st.put("time_to_last_close", lastClose.createdAt - cv.createdAt);
            st.put("last_closed_by_id", lastClose.authorId);
        }
        st.put("count_reopens", 0);
        st.put("count_assignments", cv.adminAssigneeId != 0 ? 1 : 0);
        st.put("count_conversation_parts", parts.size());
        if (withParts) {
            ObjectNode cp = n.putObject("conversation_parts");
            cp.put("type", "conversation_part.list");
            ArrayNode arr = cp.putArray("conversation_parts");
            // Only the 500 most recent parts are returned (oldest first among them); total_count is what was returned.
            List<Part> shown = parts.subList(Math.max(0, parts.size() - MAX_PARTS), parts.size());
            for (Part p : shown) {
                arr.add(part(p));
            }
            cp.put("total_count", shown.size());
        }
        n.putObject("linked_objects").put("type", "list").put("total_count", 0).put("has_more", false).putArray("data");
        n.put("ai_agent_participated", false);
        return poisoned("conversation", cv.id, n);
    }

    static boolean isCustomer(String authorType) {
        return "user".equals(authorType) || "lead".equals(authorType) || "contact".equals(authorType);
    }

    private static ObjectNode part(Part p) {
        ObjectNode n = obj();
        n.put("type", "conversation_part");
        n.put("id", p.id);
        n.put("part_type", p.partType);
        n.put("body", p.body);
        n.put("created_at", p.createdAt);
        n.put("updated_at", p.createdAt);
        n.put("notified_at", p.createdAt); // assigned_to omitted: the schema does not allow null
        ObjectNode a = n.putObject("author");
        a.put("type", p.authorType);
        a.put("id", p.authorId);
        a.put("name", p.authorName);
        a.put("email", p.authorEmail);
        a.put("from_ai_agent", false);
        a.put("is_ai_answer", false);
        n.putArray("attachments");
        n.putNull("external_id");
        n.put("redacted", false);
        return n;
    }

    ObjectNode ticketType(TicketType t, boolean withStates) {
        ObjectNode n = obj();
        n.put("type", "ticket_type");
        n.put("id", t.id());
        n.put("category", t.category());
        n.put("name", t.name());
        n.put("description", t.description());
        n.put("icon", t.icon());
        n.put("workspace_id", ws.appId);
        ObjectNode attrs = n.putObject("ticket_type_attributes");
        attrs.put("type", "list");
        attrs.putArray("ticket_type_attributes");
        if (withStates) {
            ObjectNode states = n.putObject("ticket_states");
            states.put("type", "list");
            ArrayNode arr = states.putArray("data");
            ws.catalog.ticketStates.forEach(s -> arr.add(ticketState(s)));
        }
        n.put("archived", false);
        n.put("created_at", ws.gen.start);
        n.put("updated_at", ws.gen.start);
        return n;
    }

    static ObjectNode ticketState(TicketState s) {
        return obj().put("type", "ticket_state").put("id", s.id()).put("category", s.category())
                .put("internal_label", s.internalLabel()).put("external_label", s.externalLabel());
    }

    ObjectNode ticketStateDetailed(TicketState s) {
        ObjectNode n = ticketState(s);
        n.put("archived", false);
        ObjectNode types = n.putObject("ticket_types");
        types.put("type", "list");
        ArrayNode arr = types.putArray("data");
        ws.catalog.ticketTypes.forEach(t -> arr.add(ticketType(t, false)));
        return n;
    }

    ObjectNode ticket(Ticket t) {
        ObjectNode n = obj();
        TicketType type = ws.catalog.ticketTypes.get(t.typeIdx);
        TicketState state = ws.catalog.ticketStates.get(t.stateIdx);
        n.put("type", "ticket");
        n.put("id", t.id);
        n.put("ticket_id", t.ticketId);
        n.put("category", type.category());
        ObjectNode attrs = n.putObject("ticket_attributes");
        attrs.put("_default_title_", t.title);
        attrs.put("_default_description_", t.description);
        n.set("ticket_state", ticketState(state));
        n.set("ticket_type", ticketType(type, false));
        ObjectNode contacts = n.putObject("contacts");
        contacts.put("type", "contact.list");
        ArrayNode arr = contacts.putArray("contacts");
        Contact c = t.contactIdx >= 0 ? ws.contacts.get(t.contactIdx) : null;
        if (c != null) {
            arr.addObject().put("type", "contact").put("id", c.id).put("external_id", c.externalId);
        }
        n.put("admin_assignee_id", t.adminAssigneeId);
        n.put("team_assignee_id", t.teamAssigneeId);
        n.put("created_at", t.createdAt);
        n.put("updated_at", t.updatedAt);
        n.put("open", !state.category().equals("resolved"));
        if (t.snoozedUntil != null) {
            n.put("snoozed_until", t.snoozedUntil);
        }
        n.putObject("linked_objects").put("type", "list").put("total_count", 0).put("has_more", false).putArray("data");
        ObjectNode parts = n.putObject("ticket_parts");
        parts.put("type", "ticket_part.list");
        ArrayNode parr = parts.putArray("ticket_parts");
        ObjectNode p = parr.addObject();
        p.put("type", "ticket_part");
        p.put("id", Long.toString(40_000_000L + t.idx));
        p.put("part_type", "ticket_state_updated_by_admin");
        p.putNull("body");
        p.put("previous_ticket_state", "submitted");
        p.put("ticket_state", state.category());
        p.put("created_at", t.updatedAt);
        p.put("updated_at", t.updatedAt);
        ObjectNode a = p.putObject("author");
        a.put("type", "admin").put("id", ws.catalog.admins.get(0).id()).put("name", ws.catalog.admins.get(0).name())
                .put("email", ws.catalog.admins.get(0).email());
        p.putArray("attachments");
        p.put("redacted", false);
        parts.put("total_count", 1);
        n.put("is_shared", type.category().equals("Customer"));
        n.putNull("previous_ticket_state_id");
        return poisoned("ticket", t.id, n);
    }
}
