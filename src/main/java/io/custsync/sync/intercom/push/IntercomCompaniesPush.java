package io.custsync.sync.intercom.push;

import io.custsync.sync.PushAction;
import io.custsync.store.PushLedger;
import com.fasterxml.jackson.databind.JsonNode;
import io.custsync.intercom.IntercomConnection;
import io.custsync.intercom.IntercomRequest;
import io.custsync.mapping.Mappings;
import io.custsync.store.PushLinks;
import io.custsync.store.ReadOnlyQueries;
import io.custsync.sync.DeadLetters;
import io.custsync.sync.SyncRun;
import io.custsync.sync.intercom.push.PushCall.Verdict;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The {@code intercom-companies-push} flow: customers → Intercom companies, matched on company_id, with the
 * mapping's behaviour: update-or-create, update-only, or delete (companies cannot be archived). A customer not
 * yet linked is looked up by company_id first, so creates and updates are told apart (and a dry run can say which).
 */
@Component("intercomCompaniesPush")
public class IntercomCompaniesPush extends PushFlow {

    static final String OBJECT = "customers";
    private static final Set<String> STANDARD = Set.of("name", "website", "plan", "size", "industry", "monthly_spend", "company_id");

    private final PushLedger ledger;
    private final PushLinks links;
    /** The source query may be the team's own SQL: it runs read-only. */
    private final ReadOnlyQueries.Source source;
    private final int pageSize;
    private final Mappings.Behaviour behaviour;
    private final FieldMapper fields;
    private final boolean createAttributes;

    public IntercomCompaniesPush(IntercomConnection connection, DeadLetters deadLetters, ReadOnlyQueries readOnly,
                         PushLedger ledger, PushLinks links, Mappings mappings,
                         @Value("${sync.push.companies.source-query:}") String sourceQuery,
                         @Value("${sync.push.page-size:200}") int pageSize) {
        super(connection, deadLetters, OBJECT);
        this.ledger = ledger;
        this.links = links;
        this.source = readOnly.source(sourceQuery, "companies-push-source");
        this.pageSize = pageSize;
        Mappings.IntercomPush settings = mappings.intercomPush(OBJECT);
        this.behaviour = settings.behaviour();
        this.createAttributes = settings.createAttributes();
        // company_id is the match key: sent on create, never changed by an update.
        this.fields = new FieldMapper(mappings, OBJECT, Map.of("name", "name", "domain", "domain", "stage", "stage",
                "profile", "profile"), STANDARD, Set.of("company_id"));
    }

    @Override
    protected void setup(SyncRun run, PushState state) {
        if (createAttributes && behaviour != Mappings.Behaviour.DELETE) {
            DataAttributes.ensureText(state, "intercom-companies-push", "company", fields.customAttributes());
        }
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
        Map<Long, String> companies = links.intercomIds(OBJECT, ids);
        Map<String, Map<String, String>> pushed = ledger.hashes("intercom", OBJECT, companies.values());
        for (Map<String, Object> row : rows) {
            long id = ((Number) row.get("id")).longValue();
            String customerId = (String) row.get("customer_id");
            String company = companies.get(id);
            if (customerId == null || customerId.isBlank()) {
                counted(run, state, PushAction.INVALID, "customer " + id + " (no customer id)");
            } else if (company != null) {
                planKnown(run, state, row, company, pushed.getOrDefault(company, Map.of()));
            } else {
                planLookup(run, state, row, id, customerId);
            }
        }
        return true;
    }

    /** The customer a call is about: its dead letter is named by its customer id. */
    private static PushCall.Subject subject(Map<String, Object> row) {
        return new PushCall.Subject((String) row.get("customer_id"), ((Number) row.get("id")).longValue());
    }

    /** Not linked yet: ask Intercom for the company_id, then update (or delete) what it has, or create. */
    private void planLookup(SyncRun run, PushState state, Map<String, Object> row, long id, String customerId) {
        String record = customerId;
        state.queue.add(PushCall.read(IntercomRequest.get("/companies", "company_id=" + URLEncoder.encode(customerId, StandardCharsets.UTF_8)),
                record, subject(row), answer -> {
                    String company = answer.path("data").path(0).path("id").asText(null);
                    if (company == null) {
                        notFound(run, state, row, customerId);
                        return;
                    }
                    if (!run.dryRun()) {
                        links.link(OBJECT, company, id);
                    }
                    planKnown(run, state, row, company, ledger.hashes("intercom", OBJECT, List.of(company)).getOrDefault(company, Map.of()));
                }, failure -> {
                    if (failure.status() != 404) {
                        return Verdict.DEAD_LETTER;
                    }
                    notFound(run, state, row, customerId);
                    return Verdict.HANDLED;
                }));
    }

    private void notFound(SyncRun run, PushState state, Map<String, Object> row, String customerId) {
        if (behaviour != Mappings.Behaviour.UPDATE_OR_CREATE) {
            counted(run, state, PushAction.NOT_FOUND, customerId);
            return;
        }
        long id = ((Number) row.get("id")).longValue();
        Map<String, JsonNode> values = fields.values(row);
        Map<String, JsonNode> sent = new HashMap<>(values);
        sent.values().removeIf(JsonNode::isNull);
        var body = FieldMapper.body(sent).put("company_id", customerId);
        state.queue.add(PushCall.write(IntercomRequest.post("/companies", body.toString()), PushAction.CREATE, customerId, subject(row), answer -> {
            String company = answer.path("id").asText();
            links.link(OBJECT, company, id);
            ledger.record("intercom", OBJECT, company, FieldMapper.hashes(sent));
        }, PushCall::deadLetter));
    }

    private void planKnown(SyncRun run, PushState state, Map<String, Object> row, String company, Map<String, String> pushed) {
        String record = row.get("customer_id") + " (company " + company + ")";
        if (behaviour == Mappings.Behaviour.DELETE) {
            state.queue.add(PushCall.write(IntercomRequest.delete("/companies/" + company), PushAction.DELETE, record, subject(row), answer -> forget(company),
                    failure -> {
                        if (failure.status() != 404) {
                            return Verdict.DEAD_LETTER;
                        }
                        // Gone already (a retried DELETE, or deleted in Intercom): the link is stale.
                        forget(company);
                        counted(run, state, PushAction.NOT_FOUND, record);
                        return Verdict.HANDLED;
                    }));
            return;
        }
        Map<String, String> hashes = new HashMap<>();
        Map<String, JsonNode> changed = FieldMapper.changed(fields.values(row), pushed, hashes);
        if (changed.isEmpty()) {
            counted(run, state, PushAction.UNCHANGED, record, subject(row));
            return;
        }
        state.queue.add(PushCall.write(IntercomRequest.put("/companies/" + company, FieldMapper.body(changed).toString()), PushAction.UPDATE,
                record, subject(row), answer -> ledger.record("intercom", OBJECT, company, hashes), PushCall::deadLetter));
    }

    private void forget(String company) {
        links.forget(OBJECT, company);
        ledger.forget("intercom", OBJECT, company);
    }
}
