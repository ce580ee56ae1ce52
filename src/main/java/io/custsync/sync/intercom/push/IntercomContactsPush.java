package io.custsync.sync.intercom.push;

import io.custsync.sync.PushAction;
import io.custsync.store.PushLedger;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.custsync.intercom.IntercomApiException;
import io.custsync.intercom.IntercomConnection;
import io.custsync.intercom.IntercomRequest;
import io.custsync.mapping.Mappings;
import io.custsync.store.PushLinks;
import io.custsync.store.ReadOnlyQueries;
import io.custsync.sync.DeadLetters;
import io.custsync.sync.SyncRun;
import io.custsync.sync.intercom.push.PushCall.Verdict;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The {@code intercom-contacts-push} flow: contacts → Intercom contacts with the mapping's behaviour
 * (update-or-create, update-only, delete = archive, or permanent delete when {@code permanent-delete: true}),
 * matched on email, external_id or the Intercom id. Each contact is attached to its customer's Intercom company
 * and carries its role tags as Intercom tags. A create that races another (409 conflict) updates the contact
 * named in Intercom's answer instead.
 */
@Component("intercomContactsPush")
public class IntercomContactsPush extends PushFlow {

    static final String OBJECT = "contacts";
    private static final Set<String> STANDARD = Set.of("email", "name", "phone", "external_id", "role", "owner_id", "avatar");
    private static final Pattern CONFLICT_ID = Pattern.compile("id=([A-Za-z0-9]+)");
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Ledger fields besides the mapped ones: the attached company, each tag we set, the archive. */
    private static final String COMPANY = "company";
    private static final String TAG = "tag.";
    private static final String ARCHIVED = "archived";

    private final PushLedger ledger;
    private final PushLinks links;
    private final Mappings mappings;
    /** The source query may be the team's own SQL: it runs read-only. */
    private final ReadOnlyQueries.Source source;
    private final int pageSize;
    private final Mappings.Behaviour behaviour;
    private final String matchKey;
    private final boolean permanentDelete;
    private final FieldMapper fields;
    private final boolean createAttributes;
    /** Store role (champion, key_user …) → Intercom tag name, for the roles mapped to a tag. */
    private final Map<String, String> roleTags = new LinkedHashMap<>();
    /** Intercom tag name (lower case) → tag id, read at the start of each run. */
    private final Map<String, String> tagIds = new HashMap<>();

    public IntercomContactsPush(IntercomConnection connection, DeadLetters deadLetters, ReadOnlyQueries readOnly,
                        PushLedger ledger, PushLinks links, Mappings mappings,
                        @Value("${sync.push.contacts.source-query:}") String sourceQuery,
                        @Value("${sync.push.page-size:200}") int pageSize) {
        super(connection, deadLetters, OBJECT);
        this.ledger = ledger;
        this.links = links;
        this.mappings = mappings;
        this.source = readOnly.source(sourceQuery, "contacts-push-source");
        this.pageSize = pageSize;
        Mappings.IntercomPush settings = mappings.intercomPush(OBJECT);
        this.behaviour = settings.behaviour();
        this.createAttributes = settings.createAttributes();
        this.matchKey = settings.matchKey();
        this.permanentDelete = settings.permanentDelete();
        // The Intercom id is Intercom's to give: a contact-id mapped to "id" is matched on, never written.
        this.fields = new FieldMapper(mappings, OBJECT, Map.of("contact-id", "contact_id", "email", "email", "name", "name",
                "phone", "phone"), STANDARD, Set.of("id"));
        for (Mappings.Role role : Mappings.Role.values()) {
            String tag = mappings.roleTag(role).intercomTag().trim();
            if (!tag.isEmpty() && !tag.equals(Mappings.DISABLED)) {
                roleTags.put(role.stored(), tag);
            }
        }
    }

    @Override
    protected void setup(SyncRun run, PushState state) {
        tagIds.clear();
        if (createAttributes && behaviour != Mappings.Behaviour.DELETE) {
            DataAttributes.ensureText(state, "intercom-contacts-push", "contact", fields.customAttributes());
        }
        if (roleTags.isEmpty() || behaviour == Mappings.Behaviour.DELETE) {
            return;
        }
        state.queue.add(PushCall.read(IntercomRequest.get("/tags", null), "tags", answer -> {
            answer.path("data").forEach(t -> tagIds.put(t.path("name").asText().toLowerCase(Locale.ROOT), t.path("id").asText()));
            for (String tag : new LinkedHashSet<>(roleTags.values())) {
                if (!tagIds.containsKey(tag.toLowerCase(Locale.ROOT))) {
                    ObjectNode body = JSON.createObjectNode().put("name", tag);
                    state.queue.addFirst(PushCall.write(IntercomRequest.post("/tags", body.toString()), PushAction.CREATE_TAG, tag,
                            created -> tagIds.put(tag.toLowerCase(Locale.ROOT), created.path("id").asText()), PushCall::deadLetterAsFatal));
                }
            }
        }, PushCall::deadLetterAsFatal));
    }

    @Override
    protected boolean plan(SyncRun run, PushState state) {
        List<Map<String, Object>> rows = sourcePage(run, state, pageSize, "id", source::page);
        if (rows.isEmpty()) {
            return false;
        }
        run.read(rows.size());
        List<Long> ids = rows.stream().map(r -> ((Number) r.get("id")).longValue()).toList();
        state.after = Math.max(state.after, ids.get(ids.size() - 1));
        Map<Long, String> contacts = links.intercomIds(OBJECT, ids);
        Map<Long, String> companies = links.intercomIds(IntercomCompaniesPush.OBJECT,
                rows.stream().map(r -> (Number) r.get("customer_id")).filter(n -> n != null).map(Number::longValue).distinct().toList());
        Map<String, Map<String, String>> pushed = ledger.hashes("intercom", OBJECT, contacts.values());
        for (Map<String, Object> row : rows) {
            Contact contact = new Contact(row, companies);
            String intercomId = contacts.get(contact.id);
            if (intercomId != null) {
                planKnown(run, state, contact, intercomId, pushed.getOrDefault(intercomId, Map.of()), false);
            } else if (contact.matchValue == null) {
                counted(run, state, PushAction.INVALID, contact.record + " (no " + matchKey + ")");
            } else {
                planLookup(run, state, contact);
            }
        }
        return true;
    }

    /** One store contact as the push sees it. */
    private final class Contact {
        final long id;
        final String record;
        /** Its dead letter is named by its contact id. */
        final PushCall.Subject subject;
        final Map<String, JsonNode> values;
        final String matchValue;
        final String company;
        final Set<String> tags = new LinkedHashSet<>();

        Contact(Map<String, Object> row, Map<Long, String> companies) {
            id = ((Number) row.get("id")).longValue();
            subject = new PushCall.Subject((String) row.get("contact_id"), id);
            Object email = row.get("email");
            record = row.get("contact_id") + (email == null ? "" : " <" + email + ">");
            values = fields.values(row);
            matchValue = switch (matchKey) {
                case "email" -> (String) email;
                // The value the mapping sends as external_id, else the contact id (which is then sent as external_id).
                case "external_id" -> values.containsKey("external_id") ? values.get("external_id").textValue() : (String) row.get("contact_id");
                default -> (String) row.get("contact_id");
            };
            if (matchKey.equals("external_id") && matchValue != null) {
                values.put("external_id", TextNode.valueOf(matchValue));
            }
            Number customer = (Number) row.get("customer_id");
            company = customer == null ? null : companies.get(customer.longValue());
            String roles = (String) row.get("roles");
            if (roles != null && !roles.isBlank()) {
                for (String role : roles.split(",")) {
                    String tag = roleTags.get(role.trim());
                    if (tag != null) {
                        tags.add(tag);
                    }
                }
            }
        }
    }

    /** Not linked: find it in Intercom by the match key, then treat it as known, or create it. */
    private void planLookup(SyncRun run, PushState state, Contact contact) {
        ObjectNode query = JSON.createObjectNode();
        query.putObject("query").put("field", matchKey).put("operator", "=").put("value", contact.matchValue);
        query.putObject("pagination").put("per_page", 1);
        state.queue.add(PushCall.read(IntercomRequest.post("/contacts/search", query.toString()), contact.record, contact.subject, answer -> {
            String found = answer.path("data").path(0).path("id").asText(null);
            if (found == null) {
                notFound(run, state, contact);
                return;
            }
            if (!run.dryRun()) {
                links.link(OBJECT, found, contact.id);
            }
            planKnown(run, state, contact, found, ledger.hashes("intercom", OBJECT, List.of(found)).getOrDefault(found, Map.of()), true);
        }, PushCall::deadLetter));
    }

    private void notFound(SyncRun run, PushState state, Contact contact) {
        if (behaviour != Mappings.Behaviour.UPDATE_OR_CREATE) {
            counted(run, state, PushAction.NOT_FOUND, contact.record);
            return;
        }
        Map<String, JsonNode> sent = new LinkedHashMap<>(contact.values);
        sent.values().removeIf(JsonNode::isNull);
        ObjectNode body = FieldMapper.body(sent).put("role", "user");
        state.queue.addFirst(PushCall.write(IntercomRequest.post("/contacts", body.toString()), PushAction.CREATE, contact.record, contact.subject, answer -> {
            String created = answer.path("id").asText();
            links.link(OBJECT, created, contact.id);
            ledger.record("intercom", OBJECT, created, FieldMapper.hashes(sent));
            enqueue(state, followUpCalls(contact, created, Map.of(), contact.record), true);
        }, failure -> {
            String existing = conflictingId(failure);
            if (existing == null) {
                return Verdict.DEAD_LETTER;
            }
            // Intercom's search had not caught up with a contact created meanwhile: update that one instead.
            links.link(OBJECT, existing, contact.id);
            planKnown(run, state, contact, existing, ledger.hashes("intercom", OBJECT, List.of(existing)).getOrDefault(existing, Map.of()), true);
            return Verdict.HANDLED;
        }));
    }

    private void planKnown(SyncRun run, PushState state, Contact contact, String intercomId, Map<String, String> pushed, boolean front) {
        String record = contact.record + " (contact " + intercomId + ")";
        if (behaviour == Mappings.Behaviour.DELETE) {
            planDelete(run, state, contact, intercomId, record, pushed, front);
            return;
        }
        Map<String, String> hashes = new HashMap<>();
        Map<String, JsonNode> changed = FieldMapper.changed(contact.values, pushed, hashes);
        List<PushCall> calls = new ArrayList<>();
        if (!changed.isEmpty()) {
            calls.add(PushCall.write(IntercomRequest.put("/contacts/" + intercomId, FieldMapper.body(changed).toString()), null, record,
                    contact.subject, answer -> ledger.record("intercom", OBJECT, intercomId, hashes), PushCall::deadLetter));
        }
        calls.addAll(followUpCalls(contact, intercomId, pushed, record));
        if (calls.isEmpty()) {
            counted(run, state, PushAction.UNCHANGED, record, contact.subject);
            return;
        }
        // The record's first write carries its fate (update); the rest follow it.
        calls.set(0, calls.get(0).as(PushAction.UPDATE));
        enqueue(state, calls, front);
    }

    /**
     * Calls planned from an answer (a lookup, a create, a conflict) go to the front of the queue: a record's
     * calls stay together, so a run broken off leaves at most one record half-done.
     */
    private static void enqueue(PushState state, List<PushCall> calls, boolean front) {
        if (front) {
            for (int i = calls.size() - 1; i >= 0; i--) {
                state.queue.addFirst(calls.get(i));
            }
        } else {
            state.queue.addAll(calls);
        }
    }

    private void planDelete(SyncRun run, PushState state, Contact contact, String intercomId, String record, Map<String, String> pushed,
                            boolean front) {
        if (permanentDelete) {
            enqueue(state, List.of(PushCall.write(IntercomRequest.delete("/contacts/" + intercomId), PushAction.DELETE, record, contact.subject,
                    answer -> forget(intercomId), failure -> goneAlready(run, state, failure, intercomId, record))), front);
        } else if (pushed.containsKey(ARCHIVED)) {
            counted(run, state, PushAction.UNCHANGED, record, contact.subject);
        } else {
            enqueue(state, List.of(PushCall.write(IntercomRequest.post("/contacts/" + intercomId + "/archive", null), PushAction.ARCHIVE, record,
                    contact.subject, answer -> ledger.record("intercom", OBJECT, intercomId, Map.of(ARCHIVED, PushLedger.hash(TextNode.valueOf("true")))),
                    failure -> goneAlready(run, state, failure, intercomId, record))), front);
        }
    }

    private Verdict goneAlready(SyncRun run, PushState state, IntercomApiException failure, String intercomId, String record) {
        if (failure.status() != 404) {
            return Verdict.DEAD_LETTER;
        }
        forget(intercomId);
        counted(run, state, PushAction.NOT_FOUND, record);
        return Verdict.HANDLED;
    }

    private void forget(String intercomId) {
        links.forget(OBJECT, intercomId);
        ledger.forget("intercom", OBJECT, intercomId);
    }

    /** The company attachment and tag changes the ledger does not have yet. */
    private List<PushCall> followUpCalls(Contact contact, String intercomId, Map<String, String> pushed, String record) {
        List<PushCall> calls = new ArrayList<>();
        if (contact.company != null) {
            String hash = PushLedger.hash(TextNode.valueOf(contact.company));
            if (!hash.equals(pushed.get(COMPANY))) {
                ObjectNode body = JSON.createObjectNode().put("id", contact.company);
                calls.add(PushCall.write(IntercomRequest.post("/contacts/" + intercomId + "/companies", body.toString()), null, record,
                        contact.subject, answer -> ledger.record("intercom", OBJECT, intercomId, Map.of(COMPANY, hash)), PushCall::deadLetter));
            }
        }
        String tagged = PushLedger.hash(TextNode.valueOf("true"));
        for (String tag : contact.tags) {
            if (!pushed.containsKey(TAG + tag)) {
                String body = JSON.createObjectNode().put("id", tagId(tag)).toString();
                calls.add(PushCall.write(IntercomRequest.post("/contacts/" + intercomId + "/tags", body), null, record,
                        contact.subject, answer -> ledger.record("intercom", OBJECT, intercomId, Map.of(TAG + tag, tagged)), PushCall::deadLetter));
            }
        }
        for (String field : pushed.keySet()) {
            if (field.startsWith(TAG) && !contact.tags.contains(field.substring(TAG.length()))) {
                String tag = field.substring(TAG.length());
                calls.add(PushCall.write(IntercomRequest.delete("/contacts/" + intercomId + "/tags/" + tagId(tag)), null, record,
                        contact.subject, answer -> ledger.forgetField("intercom", OBJECT, intercomId, field), failure -> {
                            if (failure.status() != 404) {
                                return Verdict.DEAD_LETTER;
                            }
                            ledger.forgetField("intercom", OBJECT, intercomId, field);
                            return Verdict.HANDLED;
                        }));
            }
        }
        return calls;
    }

    private String tagId(String tag) {
        // Unknown only in a dry run, where the tag's creation was counted and not sent.
        return tagIds.getOrDefault(tag.toLowerCase(Locale.ROOT), "unknown-tag");
    }

    /** The contact a 409 conflict names: "A contact matching those details already exists with id=…". */
    static String conflictingId(IntercomApiException failure) {
        if (failure.status() != 409 || failure.getMessage() == null) {
            return null;
        }
        Matcher m = CONFLICT_ID.matcher(failure.getMessage());
        return m.find() ? m.group(1) : null;
    }
}
