package io.custsync.sync.intercom.push;

import io.custsync.sync.PushAction;
import io.custsync.store.PushLedger;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.custsync.intercom.IntercomConnection;
import io.custsync.intercom.IntercomRequest;
import io.custsync.mapping.Mappings;
import io.custsync.store.ContactStore;
import io.custsync.store.CustomerStore;
import io.custsync.store.PushLinks;
import io.custsync.store.ReadOnlyQueries;
import io.custsync.sync.DeadLetters;
import io.custsync.sync.SyncRun;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The {@code healthscore-push} flow: each customer's Healthscore and CSM Pulse from the store (or a team's own
 * query) to its Intercom company as custom attributes, and optionally to the company's contacts. Only values
 * whose hash differs from the push ledger are sent; a customer with no Intercom company is skipped and counted.
 */
@Component("healthscorePush")
public class HealthscorePush extends PushFlow {

    static final String FLOW = "healthscore-push";
    private static final String SETTINGS = "objects.healthscore.intercom.";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final CustomerStore customers;
    private final ContactStore contacts;
    private final PushLedger ledger;
    private final PushLinks links;
    private final Mappings mappings;
    /** The source query may be the team's own SQL: it runs read-only. */
    private final ReadOnlyQueries.Source source;
    private final int pageSize;

    public HealthscorePush(IntercomConnection connection, DeadLetters deadLetters, ReadOnlyQueries readOnly,
                           CustomerStore customers, ContactStore contacts, PushLedger ledger, PushLinks links, Mappings mappings,
                           @Value("${sync.push.healthscore.source-query:}") String sourceQuery,
                           @Value("${sync.push.page-size:200}") int pageSize) {
        super(connection, deadLetters, "healthscore");
        this.customers = customers;
        this.contacts = contacts;
        this.ledger = ledger;
        this.links = links;
        this.mappings = mappings;
        this.source = readOnly.source(sourceQuery, "healthscore-source");
        this.pageSize = pageSize;
    }

    @Override
    protected void setup(SyncRun run, PushState state) {
        if (!mappings.healthscore().createAttributes()) {
            return;
        }
        DataAttributes.ensure(state, FLOW, "company", wanted("company"));
        if (mappings.healthscore().toContacts()) {
            DataAttributes.ensure(state, FLOW, "contact", wanted("contact"));
        }
    }

    private List<DataAttributes.Wanted> wanted(String model) {
        List<DataAttributes.Wanted> wanted = new ArrayList<>();
        Mappings.Healthscore settings = mappings.healthscore();
        String score = settings.healthscoreAttribute();
        if (score != null) {
            String type = settings.healthscoreType();
            // Whole numbers fit a float attribute too; fractions do not fit an integer one.
            wanted.add(new DataAttributes.Wanted(model, score, type, List.of(),
                    type.equals("integer") ? Set.of("integer", "float") : Set.of("float"), SETTINGS + "attributes.healthscore"));
        }
        String pulse = settings.csmPulseAttribute();
        if (pulse != null) {
            String type = settings.csmPulseType();
            List<String> options = settings.csmPulseOptions();
            // Intercom lists an options attribute with data_type string.
            wanted.add(new DataAttributes.Wanted(model, pulse, type, options, Set.of("string", "options"), SETTINGS + "attributes.csm-pulse"));
        }
        return wanted;
    }

    @Override
    protected boolean plan(SyncRun run, PushState state) {
        List<Map<String, Object>> rows = sourcePage(run, state, pageSize, "customer_id", source::page);
        if (rows.isEmpty()) {
            return false;
        }
        Map<Long, Map<String, JsonNode>> values = new LinkedHashMap<>();
        for (Map<String, Object> row : rows) {
            long customer = ((Number) row.get("customer_id")).longValue();
            state.after = Math.max(state.after, customer);
            values.put(customer, values(row));
        }
        run.read(rows.size());
        Map<Long, String> companies = links.intercomIds("customers", values.keySet());
        Map<String, Map<String, String>> pushed = ledger.hashes("intercom", "customers", companies.values());
        for (Map.Entry<Long, Map<String, JsonNode>> e : values.entrySet()) {
            String company = companies.get(e.getKey());
            if (company == null) {
                counted(run, state, PushAction.SKIPPED_NO_COMPANY, "customer " + e.getKey());
                continue;
            }
            planWrite(run, state, "customers", "/companies/" + company, company, PushAction.UPDATE, "customer " + e.getKey() + " (company " + company + ")",
                    new PushCall.Subject("customer " + e.getKey(), e.getKey()), e.getValue(), pushed.getOrDefault(company, Map.of()));
        }
        if (mappings.healthscore().toContacts() && !companies.isEmpty()) {
            List<ContactStore.IntercomContact> linked = contacts.intercomContactsOf(companies.keySet());
            Map<String, Map<String, String>> pushedToContacts = ledger.hashes("intercom", "contacts",
                    linked.stream().map(ContactStore.IntercomContact::intercomId).toList());
            for (ContactStore.IntercomContact c : linked) {
                String contact = c.intercomId();
                long customer = c.customerId();
                // A replay of the customer sends its contacts' values again too: the letter may be a contact's.
                planWrite(run, state, "contacts", "/contacts/" + contact, contact, PushAction.UPDATE_CONTACT, "contact " + contact,
                        new PushCall.Subject("contact " + contact, customer), values.get(customer), pushedToContacts.getOrDefault(contact, Map.of()));
            }
        }
        return true;
    }

    /** Plans a PUT of the changed attributes only; the ledger moves once Intercom accepted it. */
    private void planWrite(SyncRun run, PushState state, String object, String path, String externalId, PushAction action,
                           String record, PushCall.Subject subject, Map<String, JsonNode> values, Map<String, String> pushed) {
        Map<String, JsonNode> changed = new LinkedHashMap<>();
        Map<String, String> hashes = new HashMap<>();
        values.forEach((name, value) -> {
            String field = "custom_attributes." + name;
            String hash = PushLedger.hash(value);
            // Never pushed and empty: there is nothing in Intercom to clear.
            boolean nothingToClear = value.isNull() && !pushed.containsKey(field);
            if (!nothingToClear && !hash.equals(pushed.get(field))) {
                changed.put(name, value);
                hashes.put(field, hash);
            }
        });
        if (changed.isEmpty()) {
            counted(run, state, action == PushAction.UPDATE ? PushAction.UNCHANGED : PushAction.UNCHANGED_CONTACT, record, subject);
            return;
        }
        ObjectNode body = JSON.createObjectNode();
        body.putObject("custom_attributes").setAll(changed);
        state.queue.add(PushCall.write(IntercomRequest.put(path, body.toString()), action, record, subject,
                answer -> ledger.record("intercom", object, externalId, hashes), PushCall::deadLetter));
    }

    private Map<String, JsonNode> values(Map<String, Object> row) {
        Map<String, JsonNode> values = new LinkedHashMap<>();
        String score = mappings.healthscore().healthscoreAttribute();
        if (score != null) {
            values.put(score, score(toDecimal(row.get("healthscore"))));
        }
        String pulse = mappings.healthscore().csmPulseAttribute();
        if (pulse != null) {
            Object p = row.get("csm_pulse");
            values.put(pulse, p == null ? NullNode.getInstance() : TextNode.valueOf(p.toString()));
        }
        return values;
    }

    private JsonNode score(BigDecimal value) {
        if (value == null) {
            return NullNode.getInstance();
        }
        if (mappings.healthscore().healthscoreType().equals("integer")) {
            return LongNode.valueOf(value.setScale(0, RoundingMode.HALF_UP).longValueExact());
        }
        BigDecimal plain = value.stripTrailingZeros();
        // 72.50 and 72.5 are the same score: one JSON form, one hash.
        return plain.scale() <= 0 ? LongNode.valueOf(plain.longValueExact()) : DoubleNode.valueOf(plain.doubleValue());
    }

    private static BigDecimal toDecimal(Object value) {
        if (value == null || value instanceof BigDecimal) {
            return (BigDecimal) value;
        }
        return new BigDecimal(value.toString());
    }

}
