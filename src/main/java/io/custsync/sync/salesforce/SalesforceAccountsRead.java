package io.custsync.sync.salesforce;

import io.custsync.sync.Flow;
import io.custsync.store.PushLedger;
import io.custsync.mapping.Mappings;
import io.custsync.mapping.Mode;
import io.custsync.salesforce.SalesforceConnection;
import io.custsync.salesforce.SalesforceProperties;
import io.custsync.store.CustomerStore;
import io.custsync.store.CustomerStore.CustomerRow;
import io.custsync.store.CustomerStore.Upserted;
import io.custsync.store.IdentityLinks;
import io.custsync.store.IdentityMatches.Probe;
import io.custsync.sync.identity.IdentityResolver;
import io.custsync.sync.identity.Domains;
import io.custsync.store.SalesforceStore;
import io.custsync.sync.BadRecordException;
import io.custsync.store.Checkpoints;
import io.custsync.sync.JsonRecord;
import io.custsync.sync.PageWriter;
import io.custsync.sync.PageWriter.Outcome;
import io.custsync.sync.SyncRun;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * {@code salesforce-accounts}: Accounts of the configured view into customers, with the CSM owner's email
 * and name from its User lookup. Deleted accounts (seen by queryAll) mark the customer, never remove it.
 * With churn-on-missing on Salesforce, a sweep of the view's Ids follows, and customers linked to an
 * account that a complete read did not see are churned.
 */
@Component("salesforceAccountsRead")
public class SalesforceAccountsRead extends SalesforceRead {

    static final String OBJECT = "customers";
    /** Mapped field → the local column (and its key in field_modified_at). */
    static final Map<String, String> COLUMNS = new LinkedHashMap<>();
    static {
        COLUMNS.put("name", "name");
        COLUMNS.put("domain", "domain");
        COLUMNS.put("csm-owner", "csm_owner_email");
        COLUMNS.put("stage", "stage");
        COLUMNS.put("profile", "profile");
    }

    private static final Logger log = LoggerFactory.getLogger(SalesforceAccountsRead.class);

    private final CustomerStore customers;
    private final IdentityLinks links;
    private final SalesforceStore store;
    private final PushLedger ledger;
    private final TwoWayRules rules;
    private final ChurnStage churnStage;
    private final IdentityResolver resolver;

    public SalesforceAccountsRead(SalesforceConnection connection, Mappings mappings, PageWriter pages, Checkpoints checkpoints,
                        TransactionTemplate transactions, SalesforceProperties properties, CustomerStore customers,
                        IdentityLinks links, SalesforceStore store, PushLedger ledger, TwoWayRules rules,
                        IdentityResolver resolver) {
        super(connection, mappings, pages, checkpoints, transactions, properties);
        this.resolver = resolver;
        this.customers = customers;
        this.links = links;
        this.store = store;
        this.ledger = ledger;
        this.rules = rules;
        this.churnStage = new ChurnStage(mappings);
    }

    @Override
    public Flow flow() {
        return Flow.SALESFORCE_ACCOUNTS;
    }

    @Override
    protected String sObject() {
        return "Account";
    }

    @Override
    protected String object() {
        return OBJECT;
    }

    @Override
    protected Set<String> mappedFields() {
        Set<String> fields = new LinkedHashSet<>();
        fields.add(field("customer-id"));
        for (String name : COLUMNS.keySet()) {
            if (mapped(name)) {
                fields.add(field(name));
            }
        }
        if (mapped("csm-owner")) {
            String rel = relationship(field("csm-owner"));
            fields.add(rel + ".Email");
            fields.add(rel + ".Name");
        }
        return fields;
    }

    /** OwnerId → Owner, CSM__c → CSM__r: how SOQL reaches the User behind a lookup. */
    static String relationship(String lookupField) {
        if (lookupField.endsWith("__c")) {
            return lookupField.substring(0, lookupField.length() - 3) + "__r";
        }
        if (lookupField.endsWith("Id")) {
            return lookupField.substring(0, lookupField.length() - 2);
        }
        throw new IllegalArgumentException(lookupField + " is not a lookup field");
    }

    @Override
    protected Outcome store(SyncRun run, State state, JsonRecord record) {
        String accountId = record.requiredText("Id");
        Instant modified = SalesforceTime.parse("SystemModstamp", record.requiredText("SystemModstamp"));
        Optional<Long> linked = links.find("salesforce", OBJECT, accountId);
        if (Boolean.TRUE.equals(record.bool("IsDeleted"))) {
            return linked.map(id -> deleted(run, accountId, id)).orElse(Outcome.FILTERED);
        }
        Optional<Instant> stored = links.sourceUpdatedAt("salesforce", OBJECT, accountId);
        if (stored.isPresent() && !stored.get().isBefore(modified)) {
            return Outcome.UNCHANGED; // read again through the lookback, already stored at this time
        }
        String customerId = "Id".equals(field("customer-id")) ? accountId : record.text(field("customer-id"));
        if (customerId == null || customerId.isBlank()) {
            throw new BadRecordException(field("customer-id"), "the account has no customer id");
        }
        Map<String, String> remote = remoteValues(record);
        String ownerName = mapped("csm-owner") ? record.text(relationship(field("csm-owner")) + ".Name") : null;

        // An account seen for the first time may be a customer we already hold (say, from Intercom): its row's key.
        String key = resolver.customers("salesforce", List.of(new Probe(accountId, customerId,
                mapped("domain") ? Domains.matchable(record.text(field("domain"))) : null))).get(0).key();
        Set<String> apply = new LinkedHashSet<>(remote.keySet());
        Set<String> agreed = new LinkedHashSet<>();
        Optional<SalesforceStore.LocalRow> local = store.customerIdByKey(key).flatMap(store::customer);
        if (state.mode() == Mode.TWO_WAY && local.isPresent()) {
            apply.clear();
            Map<String, String> hashes = ledger.get("salesforce", OBJECT, accountId);
            for (Map.Entry<String, String> e : remote.entrySet()) {
                String column = COLUMNS.get(e.getKey());
                TwoWayRules.ReadDecision d = rules.decide(OBJECT, local.get().id(), accountId, e.getKey(), e.getValue(), modified,
                        local.get().value(column), local.get().modifiedAt(column), hashes.get(e.getKey()));
                if (d.apply()) {
                    apply.add(e.getKey());
                }
                if (d.agreed()) {
                    agreed.add(e.getKey());
                }
            }
        } else if (state.mode() == Mode.TWO_WAY) {
            agreed.addAll(remote.keySet());
        }
        Upserted upserted = customers.upsert(new CustomerRow(key, remote.get("name"), remote.get("domain"),
                remote.get("stage"), remote.get("profile"), apply.contains("name"), apply.contains("domain"),
                apply.contains("stage"), apply.contains("profile")));
        boolean changed = upserted.changed();
        if (upserted.reactivated()) {
            log.info("Customer {} is back in Salesforce (account {}): no longer churned", customerId, accountId);
        }
        if (apply.contains("csm-owner")) {
            changed |= store.setCsmOwner(upserted.id(), remote.get("csm-owner"), ownerName);
        }
        for (String name : agreed) {
            ledger.put("salesforce", OBJECT, accountId, name, remote.get(name));
        }
        links.link("salesforce", OBJECT, accountId, upserted.id(), modified, run.id());
        return changed ? Outcome.WRITTEN : Outcome.UNCHANGED;
    }

    @Override
    Map<String, String> remoteValues(JsonRecord record) {
        Map<String, String> remote = new LinkedHashMap<>();
        for (String name : COLUMNS.keySet()) {
            if (!mapped(name)) {
                continue;
            }
            String value = switch (name) {
                case "domain" -> CustomerStore.domainOf(record.text(field("domain")));
                case "csm-owner" -> record.text(relationship(field("csm-owner")) + ".Email");
                case "stage" -> churnStage.fromSalesforce(record.text(field("stage")));
                default -> record.text(field(name));
            };
            remote.put(name, value);
        }
        return remote;
    }

    private Outcome deleted(SyncRun run, String accountId, long customerId) {
        boolean changed = store.markCustomerDeleted(customerId);
        if (churnsHere()) {
            changed |= store.churnCustomer(customerId);
        }
        log.info("Account {} was deleted in Salesforce: customer {} marked{}", accountId, customerId, churnsHere() ? " and churned" : "");
        return changed ? Outcome.WRITTEN : Outcome.UNCHANGED;
    }

    private boolean churnsHere() {
        return mappings.churnOnMissing().decidedBy("salesforce");
    }

    @Override
    protected boolean sweeps() {
        return churnsHere();
    }

    @Override
    protected void seen(SyncRun run, String id) {
        store.touchLink(OBJECT, id, run.id());
    }

    @Override
    protected void afterCompleteRead(SyncRun run) {
        if (!churnsHere()) {
            return;
        }
        List<String> churned = customers.churnUnseen("salesforce", run.id(), run.startedAt());
        if (!churned.isEmpty()) {
            log.info("Churn-on-missing: {} customer(s) no longer in the Salesforce view marked churned: {}", churned.size(),
                    churned.size() > 20 ? churned.subList(0, 20) + " …" : churned);
            run.written(churned.size());
        }
    }
}
