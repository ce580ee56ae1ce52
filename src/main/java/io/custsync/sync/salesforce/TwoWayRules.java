package io.custsync.sync.salesforce;

import io.custsync.store.PushLedger;
import io.custsync.store.SalesforceStore;
import java.time.Instant;
import java.util.Objects;
import org.springframework.stereotype.Component;

/**
 * Two-way, field by field, for a value arriving from Salesforce. The ledger holds the value both sides last
 * agreed on: an incoming value equal to it changed nothing there (or is our own write coming back); a local
 * value equal to it changed nothing here. When both changed to different values, the newer change wins by
 * modification time and a conflicts row keeps both sides. The rules themselves ({@link #onRead}, {@link #onPush})
 * are pure; the conflicts row is the store's.
 */
@Component
public class TwoWayRules {

    /**
     * What a read does with one incoming field: whether it takes it locally ({@link #apply}), whether the ledger
     * now holds it as agreed ({@link #agreed}), and whether it settled a conflict (both sides changed since they
     * agreed: then a conflicts row keeps both).
     */
    public enum ReadDecision {
        /** Salesforce holds the agreed value: nothing changed there (or our own write came back). */
        NOTHING_CHANGED(false, false, false),
        /** Both sides hold the same value: nothing to write, the ledger takes it. */
        ALREADY_EQUAL(false, true, false),
        /** Only Salesforce changed (or, never synced, its change is the newer): taken, and agreed. */
        TAKE_REMOTE(true, true, false),
        /** Never synced and the local change is the newer: it stays. */
        KEEP_LOCAL(false, false, false),
        /** Both changed since they agreed and Salesforce's change is the newer: taken, and a conflict. */
        CONFLICT_REMOTE_WINS(true, true, true),
        /** Both changed since they agreed and the local change is the newer: it stays, and a conflict. */
        CONFLICT_LOCAL_WINS(false, false, true);

        private final boolean apply;
        private final boolean agreed;
        private final boolean conflict;

        ReadDecision(boolean apply, boolean agreed, boolean conflict) {
            this.apply = apply;
            this.agreed = agreed;
            this.conflict = conflict;
        }

        public boolean apply() { return apply; }
        public boolean agreed() { return agreed; }
        public boolean conflict() { return conflict; }
    }

    /** What a push does with one field it is about to overwrite. */
    public enum PushDecision {
        /** No conflict (never synced, Salesforce unchanged since they agreed, or it holds our value already): push it. */
        PUSH,
        /** Both changed and Salesforce's change is the newer: the push leaves the field, the next read takes it. */
        LEAVE_TO_READ,
        /** Both changed and ours is the newer: it is pushed, and the conflict recorded. */
        PUSH_OVER_CONFLICT
    }

    private final SalesforceStore store;

    public TwoWayRules(SalesforceStore store) {
        this.store = store;
    }

    /**
     * @param ledgerHash the agreed value's hash, or null when this field was never synced
     * @param localTime  when the local value last changed (null: unknown)
     */
    public ReadDecision decide(String object, long localId, String externalId, String field, String remote, Instant remoteTime,
                               String local, Instant localTime, String ledgerHash) {
        ReadDecision read = onRead(remote, remoteTime, local, localTime, ledgerHash);
        if (read.conflict()) {
            recordConflict(object, localId, externalId, field, local, localTime, remote, remoteTime, read.apply());
        }
        return read;
    }

    /** {@link #decide}'s rule, without the conflicts row. */
    static ReadDecision onRead(String remote, Instant remoteTime, String local, Instant localTime, String ledgerHash) {
        String remoteHash = PushLedger.hash(remote);
        if (remoteHash.equals(ledgerHash)) {
            return ReadDecision.NOTHING_CHANGED;
        }
        if (Objects.equals(remote, local)) {
            return ReadDecision.ALREADY_EQUAL;
        }
        if (ledgerHash == null) {
            // Never synced: no common past to call a conflict; the newer side (or the only value) wins.
            boolean remoteWins = local == null || localTime == null || !remoteTime.isBefore(localTime);
            return remoteWins ? ReadDecision.TAKE_REMOTE : ReadDecision.KEEP_LOCAL;
        }
        if (PushLedger.hash(local).equals(ledgerHash)) {
            return ReadDecision.TAKE_REMOTE;
        }
        boolean remoteWins = localTime == null || remoteTime.isAfter(localTime);
        return remoteWins ? ReadDecision.CONFLICT_REMOTE_WINS : ReadDecision.CONFLICT_LOCAL_WINS;
    }

    /**
     * Before a push overwrites a field: whether Salesforce changed it since the value both sides last agreed on,
     * to a value other than ours. {@link PushDecision#LEAVE_TO_READ}: Salesforce's change is newer; the push
     * leaves the field and the next read takes it (and records the conflict, as {@link #decide} does).
     * {@link PushDecision#PUSH_OVER_CONFLICT}: ours is newer; it is pushed and the conflict is recorded here, once
     * ({@code record}: a dry run records none).
     */
    public PushDecision beforePush(String object, long localId, String externalId, String field, String remote, Instant remoteTime,
                                   String local, Instant localTime, String ledgerHash, boolean record) {
        PushDecision decision = onPush(remote, remoteTime, local, localTime, ledgerHash);
        if (decision == PushDecision.PUSH_OVER_CONFLICT && record) {
            recordConflict(object, localId, externalId, field, local, localTime, remote, remoteTime, false);
        }
        return decision;
    }

    /** {@link #beforePush}'s rule, without the conflicts row. */
    static PushDecision onPush(String remote, Instant remoteTime, String local, Instant localTime, String ledgerHash) {
        if (ledgerHash == null || PushLedger.hash(remote).equals(ledgerHash) || Objects.equals(remote, local)) {
            return PushDecision.PUSH;
        }
        return localTime == null || remoteTime.isAfter(localTime) ? PushDecision.LEAVE_TO_READ : PushDecision.PUSH_OVER_CONFLICT;
    }

    private void recordConflict(String object, long localId, String externalId, String field, String local, Instant localTime,
                                String remote, Instant remoteTime, boolean remoteWins) {
        store.recordConflict(new SalesforceStore.Conflict(object, localId, externalId, field, local, localTime, remote, remoteTime,
                remoteWins ? "remote" : "local"));
    }
}
