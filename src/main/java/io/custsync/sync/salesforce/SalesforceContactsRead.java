package io.custsync.sync.salesforce;

import io.custsync.sync.Flow;
import io.custsync.store.PushLedger;
import io.custsync.mapping.Mappings;
import io.custsync.mapping.Mode;
import io.custsync.salesforce.SalesforceConnection;
import io.custsync.salesforce.SalesforceProperties;
import io.custsync.store.ContactStore;
import io.custsync.store.IdentityLinks;
import io.custsync.store.IdentityMatches.Probe;
import io.custsync.sync.identity.IdentityResolver;
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
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * {@code salesforce-contacts}: Contacts into contacts, linked to the customer of their Account, with the
 * role tags (Champion, Sponsor, Key user, End user) each read from its mapped checkbox or picklist value.
 * Deleted contacts (seen by queryAll) are marked, not removed.
 */
@Component("salesforceContactsRead")
public class SalesforceContactsRead extends SalesforceRead {

    static final String OBJECT = "contacts";
    /** Mapped field → the local column (and its key in field_modified_at). */
    static final Map<String, String> COLUMNS = Map.of("email", "email", "name", "name", "phone", "phone", "account", "customer_id");
    static final String[] PLAIN = {"email", "name", "phone", "account"};

    private final IdentityResolver resolver;
    private final IdentityLinks links;
    private final ContactStore contacts;
    private final SalesforceStore store;
    private final PushLedger ledger;
    private final TwoWayRules rules;
    private final RoleFields roles;

    public SalesforceContactsRead(SalesforceConnection connection, Mappings mappings, PageWriter pages, Checkpoints checkpoints,
                        TransactionTemplate transactions, SalesforceProperties properties, IdentityLinks links,
                        ContactStore contacts, SalesforceStore store, PushLedger ledger, TwoWayRules rules,
                        IdentityResolver resolver) {
        super(connection, mappings, pages, checkpoints, transactions, properties);
        this.resolver = resolver;
        this.links = links;
        this.contacts = contacts;
        this.store = store;
        this.ledger = ledger;
        this.rules = rules;
        this.roles = new RoleFields(mappings);
    }

    @Override
    public Flow flow() {
        return Flow.SALESFORCE_CONTACTS;
    }

    @Override
    protected String sObject() {
        return "Contact";
    }

    @Override
    protected String object() {
        return OBJECT;
    }

    @Override
    protected Set<String> mappedFields() {
        Set<String> fields = new LinkedHashSet<>();
        fields.add(field("contact-id"));
        for (String name : PLAIN) {
            if (mapped(name)) {
                fields.add(field(name));
            }
        }
        roles.mapped().forEach(r -> fields.add(r.field()));
        return fields;
    }

    @Override
    protected Outcome store(SyncRun run, State state, JsonRecord record) {
        String sfId = record.requiredText("Id");
        Instant modified = SalesforceTime.parse("SystemModstamp", record.requiredText("SystemModstamp"));
        Optional<Long> linked = links.find("salesforce", OBJECT, sfId);
        if (Boolean.TRUE.equals(record.bool("IsDeleted"))) {
            return linked.map(id -> store.markContactDeleted(id) ? Outcome.WRITTEN : Outcome.UNCHANGED).orElse(Outcome.FILTERED);
        }
        Optional<Instant> storedAt = links.sourceUpdatedAt("salesforce", OBJECT, sfId);
        if (storedAt.isPresent() && !storedAt.get().isBefore(modified)) {
            return Outcome.UNCHANGED;
        }
        String contactId = "Id".equals(field("contact-id")) ? sfId : record.text(field("contact-id"));
        if (contactId == null || contactId.isBlank()) {
            throw new BadRecordException(field("contact-id"), "the contact has no contact id");
        }
        Map<String, String> remote = remoteValues(record);
        String accountId = remote.get("account");
        Long customerId = accountId == null ? null : links.find("salesforce", SalesforceAccountsRead.OBJECT, accountId).orElse(null);

        Set<String> apply = new LinkedHashSet<>(remote.keySet());
        Set<String> agreed = new LinkedHashSet<>();
        // A contact seen for the first time may be one we already hold (say, from Intercom): its row's key.
        String rowKey = resolver.contacts("salesforce", List.of(new Probe(sfId, contactId,
                mapped("email") ? IdentityResolver.email(record.text(field("email"))) : null))).get(0).key();
        Optional<SalesforceStore.LocalRow> local = store.contactIdByKey(rowKey).flatMap(store::contact);
        if (state.mode() == Mode.TWO_WAY && local.isPresent()) {
            apply.clear();
            Set<String> held = store.roles(local.get().id());
            Map<String, String> hashes = ledger.get("salesforce", OBJECT, sfId);
            for (Map.Entry<String, String> e : remote.entrySet()) {
                String key = e.getKey();
                RoleFields.Role role = roles.byKey(key);
                String localValue = role != null ? String.valueOf(held.contains(role.role()))
                        : "account".equals(key) ? local.get().value("account_id") : local.get().value(COLUMNS.get(key));
                Instant localTime = local.get().modifiedAt(role != null ? key : COLUMNS.get(key));
                TwoWayRules.ReadDecision d = rules.decide(OBJECT, local.get().id(), sfId, key, e.getValue(), modified,
                        localValue, localTime, hashes.get(key));
                if (d.apply()) {
                    apply.add(key);
                }
                if (d.agreed()) {
                    agreed.add(key);
                }
            }
        } else if (state.mode() == Mode.TWO_WAY) {
            agreed.addAll(remote.keySet());
        }
        Set<String> applyColumns = new LinkedHashSet<>(apply);
        if (accountId != null && customerId == null) {
            // An account that is not (yet) a customer here: keep the link we have, and do not call its id agreed,
            // or a push would take the contact's empty customer link for a change and clear AccountId.
            applyColumns.remove("account");
            agreed.remove("account");
        }
        SalesforceStore.StoredContact stored = store.upsertContact(new SalesforceStore.ContactValues(rowKey, remote.get("email"),
                remote.get("name"), remote.get("phone"), customerId, applyColumns));
        long localId = stored.id();
        boolean changed = stored.changed();
        if (state.mode() == Mode.TWO_WAY && local.isPresent()) {
            for (RoleFields.Role role : roles.mapped()) {
                if (apply.contains(role.key())) {
                    changed |= Boolean.parseBoolean(remote.get(role.key())) ? store.addRole(localId, role.role()) : store.removeRole(localId, role.role());
                }
            }
        } else if (!roles.mapped().isEmpty()) {
            Set<String> held = new LinkedHashSet<>();
            roles.mapped().stream().filter(r -> Boolean.parseBoolean(remote.get(r.key()))).forEach(r -> held.add(r.role()));
            changed |= contacts.setRoles(localId, "salesforce", held);
        }
        for (String key : agreed) {
            ledger.put("salesforce", OBJECT, sfId, key, remote.get(key));
        }
        links.link("salesforce", OBJECT, sfId, localId, modified, run.id());
        return changed ? Outcome.WRITTEN : Outcome.UNCHANGED;
    }

    @Override
    Map<String, String> remoteValues(JsonRecord record) {
        Map<String, String> remote = new LinkedHashMap<>();
        for (String name : PLAIN) {
            if (mapped(name)) {
                remote.put(name, record.text(field(name)));
            }
        }
        for (RoleFields.Role role : roles.mapped()) {
            remote.put(role.key(), String.valueOf(role.holds(record)));
        }
        return remote;
    }
}
