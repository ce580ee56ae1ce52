package io.custsync.sync.salesforce;

import io.custsync.store.PushLedger;
import io.custsync.mapping.Mappings;
import io.custsync.salesforce.SalesforceConnection;
import io.custsync.salesforce.SalesforceProperties;
import io.custsync.store.IdentityLinks;
import io.custsync.store.Checkpoints;
import io.custsync.store.SalesforceStore;
import io.custsync.sync.DeadLetters;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * {@code salesforce-contacts-push}: local contact changes to Contacts, with the Account of their customer
 * (once that customer is linked to one) and the role tags as their mapped checkboxes or picklist values.
 * Name mapped to Salesforce's compound Name is written as FirstName and LastName.
 */
@Component("salesforceContactsPush")
public class SalesforceContactsPush extends SalesforcePush {

    private final RoleFields roles;

    public SalesforceContactsPush(SalesforceConnection connection, Mappings mappings, Checkpoints checkpoints, TransactionTemplate transactions,
                        PushLedger ledger, IdentityLinks links, SalesforceStore store, DeadLetters deadLetters,
                        SalesforceProperties properties, TwoWayRules rules, SalesforceContactsRead reader) {
        super(connection, mappings, checkpoints, transactions, ledger, links, store, deadLetters, properties, rules, reader);
        this.roles = new RoleFields(mappings);
    }

    @Override
    protected String sObject() {
        return "Contact";
    }

    @Override
    protected String object() {
        return SalesforceContactsRead.OBJECT;
    }

    @Override
    protected List<SalesforceStore.LocalRow> changedSince(Instant time, long id, int limit) {
        return store.contactsChangedSince(time, id, limit);
    }

    @Override
    protected Optional<SalesforceStore.LocalRow> row(long id) {
        return store.contact(id);
    }

    @Override
    protected String key(SalesforceStore.LocalRow row) {
        return row.value("contact_id");
    }

    @Override
    protected Optional<Write> diff(State state, SalesforceStore.LocalRow row) {
        String contactId = row.value("contact_id");
        Optional<String> linked = store.externalId(object(), row.id());
        boolean byExternalId = !"Id".equals(field("contact-id"));
        String sfId = linked.orElse(!byExternalId && contactId.startsWith("003") ? contactId : null);
        if (!byExternalId && sfId == null) {
            return notAddressable(state);
        }
        Changes changes = new Changes(sfId == null ? Map.of() : ledger.get("salesforce", object(), sfId));
        Map<String, Object> body = changes.body;
        for (String name : List.of("email", "phone")) {
            if (mapped(name)) {
                String value = row.value(name);
                changes.diff(name, value, () -> body.put(field(name), value));
            }
        }
        if (mapped("name")) {
            String value = row.value("name");
            changes.diff("name", value, () -> putName(body, value));
        }
        // A customer not linked to an account yet: the link is sent once the account push has linked it.
        if (mapped("account") && (row.value("account_id") != null || row.value("customer_id") == null)) {
            String value = row.value("account_id");
            changes.diff("account", value, () -> body.put(field("account"), value));
        }
        if (!roles.mapped().isEmpty()) {
            Set<String> held = store.roles(row.id());
            for (RoleFields.Role role : roles.mapped()) {
                boolean holds = held.contains(role.role());
                String value = String.valueOf(holds);
                // A picklist shared by several roles gets the value of a role held; clearing never overwrites one.
                changes.diff(role.key(), value, () -> {
                    if (holds || !body.containsKey(role.field())) {
                        body.put(role.field(), role.value(holds));
                    }
                });
            }
        }
        if (changes.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(byExternalId
                ? new Write(row, contactId, true, field("contact-id"), contactId, sfId, changes)
                : new Write(row, contactId, false, "Id", sfId, sfId, changes));
    }

    @Override
    protected Instant localTime(SalesforceStore.LocalRow row, String key) {
        return row.modifiedAt(key.startsWith("role:") ? key : SalesforceContactsRead.COLUMNS.get(key));
    }

    private void putName(Map<String, Object> body, String name) {
        if (!"Name".equals(field("name"))) {
            body.put(field("name"), name);
            return;
        }
        String trimmed = name == null ? "" : name.trim();
        int space = trimmed.indexOf(' ');
        body.put("FirstName", space < 0 ? null : trimmed.substring(0, space));
        body.put("LastName", space < 0 ? trimmed : trimmed.substring(space + 1).trim());
    }
}
