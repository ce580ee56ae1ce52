package io.custsync.sync.salesforce;

import static org.assertj.core.api.Assertions.assertThat;

import io.custsync.store.PushLedger;
import io.custsync.sync.salesforce.TwoWayRules.PushDecision;
import io.custsync.sync.salesforce.TwoWayRules.ReadDecision;
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
                // case, remote value, remote time, local value, local time, ledger hash → the decision
                Arguments.of("remote is what both agreed on: nothing changed there (or our own write came back)",
                        "Gold", LATE, "Silver", EARLY, AGREED, ReadDecision.NOTHING_CHANGED),
                Arguments.of("remote equals local: nothing to write, the ledger takes it",
                        "Silver", LATE, "Silver", EARLY, AGREED, ReadDecision.ALREADY_EQUAL),
                Arguments.of("equal and never synced: the ledger takes it",
                        "Silver", EARLY, "Silver", LATE, null, ReadDecision.ALREADY_EQUAL),
                Arguments.of("never synced, remote newer: remote wins",
                        "Silver", LATE, "Bronze", EARLY, null, ReadDecision.TAKE_REMOTE),
                Arguments.of("never synced, same time: remote wins",
                        "Silver", LATE, "Bronze", LATE, null, ReadDecision.TAKE_REMOTE),
                Arguments.of("never synced, local newer: local stays",
                        "Silver", EARLY, "Bronze", LATE, null, ReadDecision.KEEP_LOCAL),
                Arguments.of("never synced, no local value: remote wins whatever the times",
                        "Silver", EARLY, null, LATE, null, ReadDecision.TAKE_REMOTE),
                Arguments.of("never synced, local time unknown: remote wins",
                        "Silver", EARLY, "Bronze", null, null, ReadDecision.TAKE_REMOTE),
                Arguments.of("only remote changed since they agreed: remote wins, no conflict",
                        "Silver", EARLY, "Gold", LATE, AGREED, ReadDecision.TAKE_REMOTE),
                Arguments.of("both changed, remote newer: remote wins, a conflict",
                        "Silver", LATE, "Bronze", EARLY, AGREED, ReadDecision.CONFLICT_REMOTE_WINS),
                Arguments.of("both changed, local newer: local stays, a conflict",
                        "Silver", EARLY, "Bronze", LATE, AGREED, ReadDecision.CONFLICT_LOCAL_WINS),
                Arguments.of("both changed at the same time: local stays (remote must be newer), a conflict",
                        "Silver", LATE, "Bronze", LATE, AGREED, ReadDecision.CONFLICT_LOCAL_WINS),
                Arguments.of("both changed, local time unknown: remote wins, a conflict",
                        "Silver", EARLY, "Bronze", null, AGREED, ReadDecision.CONFLICT_REMOTE_WINS),
                Arguments.of("remote cleared the field it agreed on, local unchanged: remote wins",
                        null, LATE, "Gold", EARLY, AGREED, ReadDecision.TAKE_REMOTE),
                Arguments.of("a cleared field both agreed on stays cleared",
                        null, LATE, "Gold", EARLY, PushLedger.hash((String) null), ReadDecision.NOTHING_CHANGED));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("reads")
    void aReadDecidesFieldByField(String name, String remote, Instant remoteTime, String local, Instant localTime, String ledgerHash,
                                  ReadDecision decision) {
        assertThat(TwoWayRules.onRead(remote, remoteTime, local, localTime, ledgerHash)).isEqualTo(decision);
    }

    static Stream<Arguments> pushes() {
        return Stream.of(
                // case, remote value, remote time, local value, local time, ledger hash → the decision
                Arguments.of("never synced: push", "Silver", LATE, "Bronze", EARLY, null, PushDecision.PUSH),
                Arguments.of("remote unchanged since they agreed: push", "Gold", LATE, "Bronze", EARLY, AGREED, PushDecision.PUSH),
                Arguments.of("remote already holds our value: push", "Bronze", LATE, "Bronze", EARLY, AGREED, PushDecision.PUSH),
                Arguments.of("both changed, remote newer: leave it, the read takes it", "Silver", LATE, "Bronze", EARLY, AGREED, PushDecision.LEAVE_TO_READ),
                Arguments.of("both changed, same time: ours is pushed", "Silver", LATE, "Bronze", LATE, AGREED, PushDecision.PUSH_OVER_CONFLICT),
                Arguments.of("both changed, ours newer: ours is pushed", "Silver", EARLY, "Bronze", LATE, AGREED, PushDecision.PUSH_OVER_CONFLICT),
                Arguments.of("both changed, local time unknown: leave it", "Silver", EARLY, "Bronze", null, AGREED, PushDecision.LEAVE_TO_READ));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("pushes")
    void aPushLeavesAFieldSalesforceChangedLater(String name, String remote, Instant remoteTime, String local, Instant localTime,
                                                 String ledgerHash, PushDecision decision) {
        assertThat(TwoWayRules.onPush(remote, remoteTime, local, localTime, ledgerHash)).isEqualTo(decision);
    }
}
