package io.custsync.sync.identity;

import io.custsync.mapping.Mappings;
import io.custsync.store.IdentityMatches;
import io.custsync.store.IdentityMatches.Candidates;
import io.custsync.store.IdentityMatches.Facts;
import io.custsync.store.IdentityMatches.Probe;
import io.custsync.store.IdentityMatches.Row;
import io.custsync.sync.identity.Matching.Resolution;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The reads' step before their upsert: resolves a page of records to the keys they are upserted under, so a record
 * with no link yet lands on the row it matches (two statements a page: the facts, and the ambiguities noted). Runs
 * inside the page's transaction.
 */
@Component
public class IdentityResolver {

    private static final Logger log = LoggerFactory.getLogger(IdentityResolver.class);

    private final IdentityMatches store;
    private final Matching.Rules customerRules;
    private final Matching.Rules contactRules;

    public IdentityResolver(IdentityMatches store, Mappings mappings) {
        this.store = store;
        this.customerRules = new Matching.Rules(mappings.matching().byDomain());
        this.contactRules = new Matching.Rules(mappings.matching().byEmail());
    }

    /** One resolution a probe, in order; a probe's value is {@link Domains#matchable} of the record's website. */
    public List<Resolution> customers(String system, List<Probe> probes) {
        return noted("customers", system, "domain", Matching.resolve(customerRules, probes, store.customerFacts(system, probes)));
    }

    /** One resolution a probe, in order; a probe's value is {@link #email} of the record's email. */
    public List<Resolution> contacts(String system, List<Probe> probes) {
        return noted("contacts", system, "email", Matching.resolve(contactRules, probes, store.contactFacts(system, probes)));
    }

    /** How emails are compared: trimmed, case-insensitive; blank is none. */
    public static String email(String email) {
        return email == null || email.isBlank() ? null : email.trim().toLowerCase(java.util.Locale.ROOT);
    }

    private List<Resolution> noted(String object, String system, String rule, List<Resolution> resolved) {
        List<Candidates> ambiguous = new ArrayList<>();
        for (Resolution r : resolved) {
            if (r.isAmbiguous()) {
                ambiguous.add(new Candidates(r.externalId(), r.ambiguous().stream().map(Row::id).toList(), rule));
            }
        }
        if (!ambiguous.isEmpty()) {
            log.info("{} {} record(s) of {} match more than one row by {}: not linked, left to an operator (merge candidates)",
                    ambiguous.size(), system, object, rule);
            store.noteCandidates(object, system, ambiguous);
        }
        return resolved;
    }
}
