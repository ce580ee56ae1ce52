package io.custsync.sync.identity;

import io.custsync.store.IdentityMatches.Facts;
import io.custsync.store.IdentityMatches.Probe;
import io.custsync.store.IdentityMatches.Row;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Which local row each record of a page is, by the rules of {@code objects.<object>.matching}: its identity link
 * first; else the common id (a row already keyed by it: the store's key, so always on); else its matching value
 * (a customer's normalised domain, a contact's lower-cased email), when exactly one row not yet linked to the
 * record's system has it. Two or more such rows is an ambiguity: never guessed, the record keeps a row of its own
 * and the candidates are reported.
 */
public final class Matching {

    /** Whether the value rule (domain, email) is switched on in mappings.yaml. */
    public record Rules(boolean byValue) {}

    public enum Rule { LINK, COMMON_ID, VALUE, NEW }

    /**
     * The key the record is upserted under (so it lands on the matched row), the rule that decided it, and the
     * candidates when the value rule found more than one.
     */
    public record Resolution(String externalId, String key, Rule rule, List<Row> ambiguous) {
        public boolean isAmbiguous() {
            return !ambiguous.isEmpty();
        }
    }

    private Matching() {}

    /**
     * Resolves a page, in its order ({@code facts} answer {@code probes} one for one). Two records of one page
     * never get the same row (the page's upsert takes each key once): the later keeps its own key.
     */
    public static List<Resolution> resolve(Rules rules, List<Probe> probes, List<Facts> facts) {
        if (probes.size() != facts.size()) {
            throw new IllegalArgumentException(probes.size() + " records but facts for " + facts.size());
        }
        List<Resolution> out = new ArrayList<>(probes.size());
        Set<String> taken = new HashSet<>();
        for (int i = 0; i < probes.size(); i++) {
            Probe probe = probes.get(i);
            Resolution r = resolve(rules, probe, facts.get(i));
            if (!r.key().equals(probe.key()) && !taken.add(r.key())) {
                r = new Resolution(probe.externalId(), probe.key(), Rule.NEW, List.of());
            }
            taken.add(r.key());
            out.add(r);
        }
        return out;
    }

    static Resolution resolve(Rules rules, Probe probe, Facts f) {
        if (f.linked() != null) {
            return new Resolution(probe.externalId(), f.linked().key(), Rule.LINK, List.of());
        }
        if (f.keyExists()) {
            return new Resolution(probe.externalId(), probe.key(), Rule.COMMON_ID, List.of());
        }
        boolean byValue = rules.byValue() && probe.value() != null;
        if (byValue && f.candidates().size() == 1) {
            return new Resolution(probe.externalId(), f.candidates().get(0).key(), Rule.VALUE, List.of());
        }
        if (byValue && f.candidates().size() > 1) {
            return new Resolution(probe.externalId(), probe.key(), Rule.NEW, List.copyOf(f.candidates()));
        }
        return new Resolution(probe.externalId(), probe.key(), Rule.NEW, List.of());
    }
}
