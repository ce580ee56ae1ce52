package io.custsync.sync.identity;

import static org.assertj.core.api.Assertions.assertThat;

import io.custsync.store.IdentityMatches.Facts;
import io.custsync.store.IdentityMatches.Probe;
import io.custsync.store.IdentityMatches.Row;
import io.custsync.sync.identity.Matching.Resolution;
import io.custsync.sync.identity.Matching.Rule;
import io.custsync.sync.identity.Matching.Rules;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class MatchingTest {

    private static final Row ACME = new Row(1, "001A");
    private static final Row OTHER = new Row(2, "001B");
    private static final Rules ON = new Rules(true);
    private static final Rules OFF = new Rules(false);

    static Stream<Arguments> rules() {
        return Stream.of(
                // rules, value, linked, own key is a row, rows with the value → key, rule, ambiguous candidates
                Arguments.of(ON, "acme.com", OTHER, false, List.of(ACME), "001B", Rule.LINK, 0),
                Arguments.of(ON, "acme.com", null, true, List.of(ACME), "own", Rule.COMMON_ID, 0),
                Arguments.of(OFF, "acme.com", null, true, List.of(), "own", Rule.COMMON_ID, 0),
                Arguments.of(ON, "acme.com", null, false, List.of(ACME), "001A", Rule.VALUE, 0),
                Arguments.of(OFF, "acme.com", null, false, List.of(ACME), "own", Rule.NEW, 0),
                Arguments.of(ON, "acme.com", null, false, List.of(ACME, OTHER), "own", Rule.NEW, 2),
                Arguments.of(OFF, "acme.com", null, false, List.of(ACME, OTHER), "own", Rule.NEW, 0),
                Arguments.of(ON, null, null, false, List.of(), "own", Rule.NEW, 0),
                Arguments.of(ON, "acme.com", null, false, List.of(), "own", Rule.NEW, 0));
    }

    @ParameterizedTest
    @MethodSource("rules")
    void triesTheRulesInOrderAndNeverGuesses(Rules rules, String value, Row linked, boolean ownKeyExists, List<Row> candidates,
                                             String key, Rule rule, int ambiguous) {
        Probe probe = new Probe("x1", "own", value);
        Resolution r = Matching.resolve(rules, List.of(probe), List.of(new Facts("x1", linked, ownKeyExists, candidates))).get(0);
        assertThat(r.key()).isEqualTo(key);
        assertThat(r.rule()).isEqualTo(rule);
        assertThat(r.ambiguous()).hasSize(ambiguous);
    }

    @Test
    void twoRecordsOfOnePageNeverLandOnOneRow() {
        List<Resolution> page = Matching.resolve(ON,
                List.of(new Probe("x1", "own1", "acme.com"), new Probe("x2", "own2", "acme.com")),
                List.of(new Facts("x1", null, false, List.of(ACME)), new Facts("x2", null, false, List.of(ACME))));
        assertThat(page).extracting(Resolution::key).containsExactly("001A", "own2");
        assertThat(page).extracting(Resolution::rule).containsExactly(Rule.VALUE, Rule.NEW);
    }
}
