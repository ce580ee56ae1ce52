package io.custsync.sync.salesforce;

import io.custsync.store.PushLedger;
import io.custsync.mapping.Mappings;
import io.custsync.salesforce.SalesforceConnection;
import io.custsync.salesforce.SalesforceProperties;
import io.custsync.store.IdentityLinks;
import io.custsync.store.Checkpoints;
import io.custsync.store.SalesforceStore;
import io.custsync.sync.DeadLetters;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * {@code salesforce-accounts-push}: local customer changes to Accounts. With a common customer-id field
 * (e.g. Customer_ID__c) each customer is upserted by it, so new customers become accounts; with the
 * Salesforce Id as customer id, only customers already linked to an account are updated. The CSM owner is
 * written as the User lookup of the active user with the owner's email (read once per run).
 */
@Component("salesforceAccountsPush")
public class SalesforceAccountsPush extends SalesforcePush {

    private static final Logger log = LoggerFactory.getLogger(SalesforceAccountsPush.class);

    private final ChurnStage churnStage;

    private static final List<String> PUSHED = List.of("name", "domain", "stage", "profile");

    public SalesforceAccountsPush(SalesforceConnection connection, Mappings mappings, Checkpoints checkpoints, TransactionTemplate transactions,
                        PushLedger ledger, IdentityLinks links, SalesforceStore store, DeadLetters deadLetters,
                        SalesforceProperties properties, TwoWayRules rules, SalesforceAccountsRead reader) {
        super(connection, mappings, checkpoints, transactions, ledger, links, store, deadLetters, properties, rules, reader);
        this.churnStage = new ChurnStage(mappings);
    }

    @Override
    protected String sObject() {
        return "Account";
    }

    @Override
    protected String object() {
        return SalesforceAccountsRead.OBJECT;
    }

    @Override
    protected Instant localTime(SalesforceStore.LocalRow row, String key) {
        return row.modifiedAt(SalesforceAccountsRead.COLUMNS.get(key));
    }

    @Override
    protected String lookupQuery() {
        return mapped("csm-owner") ? "SELECT Id, Email FROM User WHERE IsActive = true" : null;
    }

    @Override
    protected void lookedUp(State state, JsonNode user) {
        String email = user.path("Email").asText(null);
        if (email != null) {
            state.lookups.put(email.toLowerCase(Locale.ROOT), user.path("Id").asText());
        }
    }

    @Override
    protected List<SalesforceStore.LocalRow> changedSince(Instant time, long id, int limit) {
        return store.customersChangedSince(time, id, limit);
    }

    @Override
    protected Optional<SalesforceStore.LocalRow> row(long id) {
        return store.customer(id);
    }

    @Override
    protected String key(SalesforceStore.LocalRow row) {
        return row.value("customer_id");
    }

    @Override
    protected Optional<Write> diff(State state, SalesforceStore.LocalRow row) {
        String customerId = row.value("customer_id");
        Optional<String> linked = store.externalId(object(), row.id());
        boolean byExternalId = !"Id".equals(field("customer-id"));
        String sfId = linked.orElse(!byExternalId && customerId.startsWith("001") ? customerId : null);
        if (!byExternalId && sfId == null) {
            return notAddressable(state); // no account to update, and no external id to create one by
        }
        Map<String, String> hashes = sfId == null ? Map.of() : ledger.get("salesforce", object(), sfId);
        Changes changes = new Changes(hashes);
        for (String name : PUSHED) {
            if (!mapped(name)) {
                continue;
            }
            String value = row.value(SalesforceAccountsRead.COLUMNS.get(name));
            Object sent = name.equals("stage") ? churnStage.toSalesforce(value) : value;
            changes.diff(name, value, () -> changes.body.put(field(name), sent));
        }
        if (mapped("csm-owner")) {
            String email = row.value("csm_owner_email");
            String userId = email == null ? null : state.lookups.get(email.toLowerCase(Locale.ROOT));
            // The owner is a User lookup: set by the User with that email; never cleared (Owner is required).
            if (userId != null) {
                changes.diff("csm-owner", email, () -> changes.body.put(field("csm-owner"), userId));
            } else if (email != null && !PushLedger.hash(email).equals(hashes.get("csm-owner"))) {
                log.warn("Customer {}: no active Salesforce user has the CSM owner's email {}; the owner is not sent", customerId, email);
            }
        }
        if (changes.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(byExternalId
                ? new Write(row, customerId, true, field("customer-id"), customerId, sfId, changes)
                : new Write(row, customerId, false, "Id", sfId, sfId, changes));
    }
}
