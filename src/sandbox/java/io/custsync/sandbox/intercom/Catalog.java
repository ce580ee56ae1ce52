package io.custsync.sandbox.intercom;

import com.fasterxml.jackson.databind.JsonNode;
import io.custsync.sandbox.common.SandboxClock;
import io.custsync.sandbox.intercom.Model.Admin;
import io.custsync.sandbox.intercom.Model.DataAttribute;
import io.custsync.sandbox.intercom.Model.Tag;
import io.custsync.sandbox.intercom.Model.TicketState;
import io.custsync.sandbox.intercom.Model.TicketType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The workspace's reference data: admins, tags, data attributes (and the custom-attribute checks they imply), ticket
 * types and ticket states. Small, so it is held in full; lists are guarded by their own monitors.
 */
final class Catalog {
    private static final Pattern ATTRIBUTE_NAME = Pattern.compile("[\\p{Alnum}\\p{Sc}_-]+");

    final List<Admin> admins = new ArrayList<>();
    final List<Tag> tags = new ArrayList<>();
    final List<DataAttribute> attributes = new ArrayList<>();
    final List<TicketType> ticketTypes = new ArrayList<>();
    final List<TicketState> ticketStates = new ArrayList<>();
    private final SandboxClock clock;
    private final IntercomDataGenerator gen;
    private int nextAttributeId = 100;

    Catalog(IntercomSettings settings, SandboxClock clock, IntercomDataGenerator gen) {
        this.clock = clock;
        this.gen = gen;
        for (int a = 0; a < settings.admins; a++) {
            admins.add(new Admin(gen.adminId(a), "Admin " + a, "admin" + a + "@sandbox.example.com",
                    a == 0 ? "Support lead" : "Support engineer", List.of(5_001 + a % 3)));
        }
        for (int t = 0; t < gen.tagCount(); t++) {
            tags.add(new Tag(gen.tagId(t), gen.tagName(t), gen.start));
        }
        addAttribute("contact", "plan_tier", "string", List.of());
        addAttribute("contact", "seats", "integer", List.of());
        addAttribute("contact", "health_score", "float", List.of());
        addAttribute("contact", "beta_tester", "boolean", List.of());
        addAttribute("contact", "renewal_date", "date", List.of());
        addAttribute("company", "segment", "string", List.of());
        addAttribute("company", "arr", "integer", List.of());
        addAttribute("company", "churn_risk", "float", List.of());
        ticketTypes.add(new TicketType("101", "Customer", "Bug report", "A customer-facing bug", "🐞"));
        ticketTypes.add(new TicketType("102", "Back-office", "Refund", "Refund handled by finance", "💶"));
        ticketTypes.add(new TicketType("103", "Tracker", "Outage", "Tracks an outage", "🚨"));
        String[][] states = {{"submitted", "New", "Submitted"}, {"submitted", "Triage", "Submitted"},
            {"in_progress", "In progress", "In progress"}, {"in_progress", "Escalated", "In progress"},
            {"waiting_on_customer", "Waiting on customer", "Waiting on you"}, {"waiting_on_customer", "Need info", "Waiting on you"},
            {"resolved", "Resolved", "Resolved"}, {"resolved", "Won't fix", "Resolved"}};
        for (int i = 0; i < states.length; i++) {
            ticketStates.add(new TicketState(Integer.toString(201 + i), states[i][0], states[i][1], states[i][2]));
        }
    }


    Tag tag(String id) {
        synchronized (tags) {
            return tags.stream().filter(t -> t.id().equals(id)).findFirst().orElse(null);
        }
    }

    Tag tagByName(String name) {
        synchronized (tags) {
            return tags.stream().filter(t -> t.name().equalsIgnoreCase(name)).findFirst().orElse(null);
        }
    }

    Tag createTag(String name) {
        synchronized (tags) {
            Tag t = tagByName(name);
            if (t == null) {
                t = new Tag(Integer.toString(7_000_001 + tags.size()), name, clock.epochSecond());
                tags.add(t);
            }
            return t;
        }
    }

    Tag renameTag(String id, String name) {
        synchronized (tags) {
            for (int i = 0; i < tags.size(); i++) {
                if (tags.get(i).id().equals(id)) {
                    Tag t = new Tag(id, name, tags.get(i).createdAt());
                    tags.set(i, t);
                    return t;
                }
            }
            throw ApiException.notFound("tag_not_found", "Tag not found");
        }
    }

    Admin admin(String id) {
        return admins.stream().filter(a -> a.id().equals(id)).findFirst().orElse(null);
    }

    synchronized DataAttribute addAttribute(String model, String name, String type, List<String> options) {
        DataAttribute d = new DataAttribute();
        d.id = nextAttributeId++;
        d.model = model;
        d.name = name;
        d.label = name;
        d.description = "";
        d.dataType = type;
        d.options = new ArrayList<>(options);
        d.custom = true;
        d.createdAt = gen.start;
        d.updatedAt = gen.start;
        attributes.add(d);
        return d;
    }

    synchronized DataAttribute attribute(String model, String name) {
        return attributes.stream().filter(a -> a.model.equals(model) && a.name.equals(name)).findFirst().orElse(null);
    }

    synchronized DataAttribute createAttribute(String model, String name, String type, String description,
            Boolean messengerWritable, List<String> options) {
        if (name == null || !ATTRIBUTE_NAME.matcher(name).matches()) {
            throw new ApiException(400, "parameter_invalid",
                    "Name is invalid: only alphanumeric characters, currency symbols, and hyphens are allowed", "name");
        }
        if (!"contact".equals(model) && !"company".equals(model)) {
            throw new ApiException(400, "parameter_invalid", "Model must be one of contact, company", "model");
        }
        if (attribute(model, name) != null || Views.STANDARD_CONTACT_ATTRIBUTES.contains(name)) {
            throw new ApiException(400, "parameter_invalid", "You already have 'custom_attributes." + name
                    + "' in your " + model + " data. To save this as new data, use a different name.", "name");
        }
        if (!List.of("string", "integer", "float", "boolean", "date", "datetime", "options").contains(type)) {
            throw new ApiException(400, "parameter_invalid", "Data Type isn't an option", "data_type");
        }
        if (type.equals("options") && options.size() < 2) {
            throw new ApiException(400, "parameter_invalid", "Options must contain at least 2 values", "options");
        }
        DataAttribute d = addAttribute(model, name, type.equals("datetime") ? "date" : type, options);
        d.description = description == null ? "" : description;
        d.messengerWritable = Boolean.TRUE.equals(messengerWritable);
        d.createdAt = clock.epochSecond();
        d.updatedAt = d.createdAt;
        return d;
    }

    synchronized DataAttribute updateAttribute(int id, Boolean archived, String description, Boolean messengerWritable,
            List<String> options) {
        DataAttribute d = attributes.stream().filter(a -> a.id == id).findFirst()
                .orElseThrow(() -> ApiException.notFound("field_not_found", "We couldn't find that data attribute to update"));
        if (archived != null) {
            d.archived = archived;
        }
        if (description != null) {
            d.description = description;
        }
        if (messengerWritable != null) {
            d.messengerWritable = messengerWritable;
        }
        if (options != null) {
            if (!d.dataType.equals("options")) {
                throw new ApiException(422, "data_invalid", "Options can only be set on options attributes");
            }
            d.options = new ArrayList<>(options);
        }
        d.updatedAt = clock.epochSecond();
        return d;
    }

    /** Checks custom attribute values against the data attributes of the model and merges them (null clears). */
    void mergeCustom(String model, Map<String, Object> target, JsonNode values) {
        if (values == null || values.isNull()) {
            return;
        }
        if (!values.isObject()) {
            throw new ApiException(400, "parameter_invalid", "custom_attributes must be an object", "custom_attributes");
        }
        Map<String, Object> staged = new LinkedHashMap<>();
        values.fields().forEachRemaining(e -> {
            DataAttribute d = attribute(model, e.getKey());
            if (d == null || d.archived) {
                throw new ApiException(400, "parameter_invalid",
                        "Custom attribute '" + e.getKey() + "' does not exist", "custom_attributes." + e.getKey());
            }
            JsonNode v = e.getValue();
            Object value;
            if (v.isNull()) {
                value = null;
            } else {
                value = switch (d.dataType) {
                    case "string", "options" -> v.isTextual() ? v.asText() : null;
                    case "integer", "date" -> v.isIntegralNumber() ? (Object) v.asLong() : null;
                    case "float" -> v.isNumber() ? (Object) v.asDouble() : null;
                    case "boolean" -> v.isBoolean() ? (Object) v.asBoolean() : null;
                    default -> null;
                };
                if (value == null) {
                    throw new ApiException(400, "parameter_invalid", "Custom attribute '" + e.getKey()
                            + "' must be of type " + d.dataType, "custom_attributes." + e.getKey());
                }
            }
            staged.put(e.getKey(), value);
        });
        staged.forEach((k, v) -> {
            if (v == null) {
                target.remove(k);
            } else {
                target.put(k, v);
            }
        });
    }
}
