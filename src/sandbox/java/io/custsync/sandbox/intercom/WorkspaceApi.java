package io.custsync.sandbox.intercom;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.custsync.sandbox.common.SandboxRequest;
import io.custsync.sandbox.common.SandboxResponse;
import io.custsync.sandbox.common.SandboxRouter;
import io.custsync.sandbox.intercom.Model.Company;
import io.custsync.sandbox.intercom.Model.DataAttribute;
import io.custsync.sandbox.intercom.Model.Tag;
import java.util.ArrayList;
import java.util.List;

/** /me, /admins, /tags and /data_attributes. */
final class WorkspaceApi {
    private final Workspace ws;
    private final Views views;

    WorkspaceApi(Workspace ws, Views views) {
        this.ws = ws;
        this.views = views;
    }

    void register(SandboxRouter r) {
        r.add("GET", "/me", req -> Http.ok(views.me()));
        r.add("GET", "/admins", req -> {
            ObjectNode n = Views.obj().put("type", "admin.list");
            ArrayNode arr = n.putArray("admins");
            ws.catalog.admins.forEach(a -> arr.add(Views.admin(a)));
            return Http.ok(n);
        });
        r.add("GET", "/admins/{id}", req -> {
            Model.Admin a = ws.catalog.admin(req.param("id"));
            if (a == null) {
                throw ApiException.notFound("admin_not_found", "Admin not found");
            }
            return Http.ok(Views.admin(a));
        });
        r.add("GET", "/tags", req -> {
            ObjectNode n = Views.obj().put("type", "list");
            ArrayNode arr = n.putArray("data");
            synchronized (ws.catalog.tags) {
                ws.catalog.tags.forEach(t -> arr.add(Views.tag(t)));
            }
            return Http.ok(n);
        });
        r.add("GET", "/tags/{id}", req -> {
            Tag t = ws.catalog.tag(req.param("id"));
            if (t == null) {
                throw ApiException.notFound("tag_not_found", "Tag not found");
            }
            return Http.ok(Views.tag(t));
        });
        r.add("POST", "/tags", this::tags);
        r.add("GET", "/data_attributes", this::listAttributes);
        r.add("POST", "/data_attributes", this::createAttribute);
        r.add("PUT", "/data_attributes/{id}", this::updateAttribute);
    }

    /** POST /tags: create ({name}), rename ({name,id}), tag/untag companies ({name,companies}) or contacts ({name,users}). */
    private SandboxResponse tags(SandboxRequest req) {
        JsonNode b = Http.body(req);
        String name = Workspace.text(b, "name");
        if (name == null || name.isBlank()) {
            throw new ApiException(400, "parameter_not_found", "name not specified", "name");
        }
        if (b.has("companies")) {
            Tag tag = ws.catalog.createTag(name);
            ObjectNode n = Views.tag(tag);
            ArrayNode out = n.putArray("companies");
            for (JsonNode c : b.get("companies")) {
                Company co = c.hasNonNull("id") ? ws.companyVisible(c.get("id").asText())
                        : ws.companyByKey(Workspace.text(c, "company_id"));
                if (co == null) {
                    throw ApiException.notFound("company_not_found", "Company Not Found");
                }
                boolean untag = c.path("untag").asBoolean(false);
                ws.tagCompany(co, tag, !untag, null);
                out.addObject().put("id", co.id).put("tagged", !untag);
            }
            return Http.ok(n);
        }
        if (b.has("users")) {
            Tag tag = ws.catalog.createTag(name);
            ObjectNode n = Views.tag(tag);
            ArrayNode out = n.putArray("users");
            for (JsonNode u : b.get("users")) {
                boolean untag = u.path("untag").asBoolean(false);
                String id = Workspace.text(u, "id");
                try {
                    ws.tagContact(id, tag.id(), !untag, null);
                } catch (ApiException e) {
                    if (!untag) {
                        throw e;
                    }
                }
                out.addObject().put("id", id).put("tagged", !untag);
            }
            return Http.ok(n);
        }
        if (b.hasNonNull("id")) {
            return Http.ok(Views.tag(ws.catalog.renameTag(b.get("id").asText(), name)));
        }
        return Http.ok(Views.tag(ws.catalog.createTag(name)));
    }

    private SandboxResponse listAttributes(SandboxRequest req) {
        String model = req.query("model");
        if (model != null && !model.equals("contact") && !model.equals("company")) {
            throw new ApiException(422, "data_invalid", "Model must be one of contact, company");
        }
        boolean includeArchived = "true".equals(req.query("include_archived"));
        List<DataAttribute> all = new ArrayList<>();
        for (String m : model == null ? List.of("contact", "company") : List.of(model)) {
            all.addAll(Views.builtIns(m, ws.gen.start));
            synchronized (ws.catalog) {
                ws.catalog.attributes.stream().filter(a -> a.model.equals(m) && (includeArchived || !a.archived)).forEach(all::add);
            }
        }
        ObjectNode n = Views.obj().put("type", "list");
        ArrayNode arr = n.putArray("data");
        all.forEach(a -> arr.add(Views.dataAttribute(a)));
        return Http.ok(n);
    }

    private static List<String> options(JsonNode b) {
        if (!b.has("options")) {
            return null;
        }
        List<String> out = new ArrayList<>();
        b.get("options").forEach(o -> out.add(o.isObject() ? o.path("value").asText() : o.asText()));
        return out;
    }

    private SandboxResponse createAttribute(SandboxRequest req) {
        JsonNode b = Http.body(req);
        List<String> options = options(b);
        DataAttribute d = ws.catalog.createAttribute(Workspace.text(b, "model"), Workspace.text(b, "name"),
                Workspace.text(b, "data_type"), Workspace.text(b, "description"),
                b.hasNonNull("messenger_writable") ? b.get("messenger_writable").asBoolean() : null,
                options == null ? List.of() : options);
        return Http.ok(Views.dataAttribute(d));
    }

    private SandboxResponse updateAttribute(SandboxRequest req) {
        int id;
        try {
            id = Integer.parseInt(req.param("id"));
        } catch (NumberFormatException e) {
            throw ApiException.notFound("field_not_found", "We couldn't find that data attribute to update");
        }
        JsonNode b = Http.body(req);
        DataAttribute d = ws.catalog.updateAttribute(id, b.hasNonNull("archived") ? b.get("archived").asBoolean() : null,
                Workspace.text(b, "description"),
                b.hasNonNull("messenger_writable") ? b.get("messenger_writable").asBoolean() : null, options(b));
        return Http.ok(Views.dataAttribute(d));
    }
}
