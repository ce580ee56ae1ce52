package io.custsync.sync.salesforce;

import static org.assertj.core.api.Assertions.assertThat;

import io.custsync.store.PushLedger;
import java.time.Instant;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The two-way rules, field by field: what a read takes, what a push leaves alone, and which of them is a conflict. */
class TwoWayRulesTest {

    private static final Instant EARLY = Instant.parse("2025-01-01T10:00:00Z");
    private static final Instant LATE = Instant.parse("2025-01-01T11:00:00Z");
    /** The value both sides last agreed on, as the ledger holds it. */
    private static final String AGREED = PushLedger.hash("Gold");

    static Stream<Arguments> reads() {
        return Stream.of(
                // case, remote value, remote time, local value, local time, ledger hash → apply, agreed, conflict
                Arguments.of("remote is what both agreed on: nothing changed there (or our own write came back)",
                        "Gold", LATE, "Silver", EARLY, AGREED, false, false, false),
                Arguments.of("remote equals local: nothing to write, the ledger takes it",
                        "Silver", LATE, "Silver", EARLY, AGREED, false, true, false),
                Arguments.of("equal and never synced: the ledger takes it",
                        "Silver", EARLY, "Silver", LATE, null, false, true, false),
                Arguments.of("never synced, remote newer: remote wins",
                        "Silver", LATE, "Bronze", EARLY, null, true, true, false),
                Arguments.of("never synced, same time: remote wins",
                        "Silver", LATE, "Bronze", LATE, null, true, true, false),
                Arguments.of("never synced, local newer: local stays",
                        "Silver", EARLY, "Bronze", LATE, null, false, false, false),
                Arguments.of("never synced, no local value: remote wins whatever the times",
                        "Silver", EARLY, null, LATE, null, true, true, false),
                Arguments.of("never synced, local time unknown: remote wins",
                        "Silver", EARLY, "Bronze", null, null, true, true, false),
                Arguments.of("only remote changed since they agreed: remote wins, no conflict",
                        "Silver", EARLY, "Gold", LATE, AGREED, true, true, false),
                Arguments.of("both changed, remote newer: remote wins, a conflict",
                        "Silver", LATE, "Bronze", EARLY, AGREED, true, true, true),
                Arguments.of("both changed, local newer: local stays, a conflict",
                        "Silver", EARLY, "Bronze", LATE, AGREED, false, false, true),
                Arguments.of("both changed at the same time: local stays (remote must be newer), a conflict",
                        "Silver", LATE, "Bronze", LATE, AGREED, false, false, true),
                Arguments.of("both changed, local time unknown: remote wins, a conflict",
                        "Silver", EARLY, "Bronze", null, AGREED, true, true, true),
                Arguments.of("remote cleared the field it agreed on, local unchanged: remote wins",
                        null, LATE, "Gold", EARLY, AGREED, true, true, false),
                Arguments.of("a cleared field both agreed on stays cleared",
                        null, LATE, "Gold", EARLY, PushLedger.hash((String) null), false, false, false));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("reads")
    void aReadDecidesFieldByField(String name, String remote, Instant remoteTime, String local, Instant localTime, String ledgerHash,
                                  boolean apply, boolean agreed, boolean conflict) {
        TwoWayRules.OnRead read = TwoWayRules.onRead(remote, remoteTime, local, localTime, ledgerHash);
        assertThat(read.decision()).isEqualTo(new TwoWayRules.Decision(apply, agreed));
        assertThat(read.conflict()).isEqualTo(conflict);
    }

    static Stream<Arguments> pushes() {
        return Stream.of(
                // case, remote value, remote time, local value, local time, ledger hash → null (push it) or whether remote wins
                Arguments.of("never synced: push", "Silver", LATE, "Bronze", EARLY, null, null),
                Arguments.of("remote unchanged since they agreed: push", "Gold", LATE, "Bronze", EARLY, AGREED, null),
                Arguments.of("remote already holds our value: push", "Bronze", LATE, "Bronze", EARLY, AGREED, null),
                Arguments.of("both changed, remote newer: leave it, the read takes it", "Silver", LATE, "Bronze", EARLY, AGREED, true),
                Arguments.of("both changed, same time: ours is pushed", "Silver", LATE, "Bronze", LATE, AGREED, false),
                Arguments.of("both changed, ours newer: ours is pushed", "Silver", EARLY, "Bronze", LATE, AGREED, false),
                Arguments.of("both changed, local time unknown: leave it", "Silver", EARLY, "Bronze", null, AGREED, true));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("pushes")
    void aPushLeavesAFieldSalesforceChangedLater(String name, String remote, Instant remoteTime, String local, Instant localTime,
                                                 String ledgerHash, Boolean remoteWins) {
        assertThat(TwoWayRules.onPush(remote, remoteTime, local, localTime, ledgerHash)).isEqualTo(remoteWins);
    }
}
