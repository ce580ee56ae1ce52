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

    /** What to do with one incoming field: take it locally, and whether the ledger now holds it. */
    public record Decision(boolean apply, boolean agreed) {
        static final Decision NOTHING = new Decision(false, false);
    }

    /** A read's decision, and whether it settled a conflict (both sides changed since they agreed): then a row keeps both. */
    record OnRead(Decision decision, boolean conflict) {}

    private final SalesforceStore store;

    public TwoWayRules(SalesforceStore store) {
        this.store = store;
    }

    /**
     * @param ledgerHash the agreed value's hash, or null when this field was never synced
     * @param localTime  when the local value last changed (null: unknown)
     */
    public Decision decide(String object, long localId, String externalId, String field, String remote, Instant remoteTime,
                           String local, Instant localTime, String ledgerHash) {
        OnRead read = onRead(remote, remoteTime, local, localTime, ledgerHash);
        if (read.conflict()) {
            recordConflict(object, localId, externalId, field, local, localTime, remote, remoteTime, read.decision().apply());
        }
        return read.decision();
    }

    /** {@link #decide}'s rule, without the conflicts row. */
    static OnRead onRead(String remote, Instant remoteTime, String local, Instant localTime, String ledgerHash) {
        String remoteHash = PushLedger.hash(remote);
        if (remoteHash.equals(ledgerHash)) {
            return new OnRead(Decision.NOTHING, false);
        }
        if (Objects.equals(remote, local)) {
            return new OnRead(new Decision(false, true), false);
        }
        if (ledgerHash == null) {
            // Never synced: no common past to call a conflict; the newer side (or the only value) wins.
            boolean remoteWins = local == null || localTime == null || !remoteTime.isBefore(localTime);
            return new OnRead(new Decision(remoteWins, remoteWins), false);
        }
        if (PushLedger.hash(local).equals(ledgerHash)) {
            return new OnRead(new Decision(true, true), false);
        }
        boolean remoteWins = localTime == null || remoteTime.isAfter(localTime);
        return new OnRead(new Decision(remoteWins, remoteWins), true);
    }

    /**
     * Before a push overwrites a field: whether Salesforce changed it since the value both sides last agreed on,
     * to a value other than ours. Null: no conflict, push it. True: Salesforce's change is newer; the push
     * leaves the field and the next read takes it (and records the conflict, as {@link #decide} does). False:
     * ours is newer; it is pushed and the conflict is recorded here, once ({@code record}: a dry run records none).
     */
    public Boolean beforePush(String object, long localId, String externalId, String field, String remote, Instant remoteTime,
                              String local, Instant localTime, String ledgerHash, boolean record) {
        Boolean remoteWins = onPush(remote, remoteTime, local, localTime, ledgerHash);
        if (Boolean.FALSE.equals(remoteWins) && record) {
            recordConflict(object, localId, externalId, field, local, localTime, remote, remoteTime, false);
        }
        return remoteWins;
    }

    /** {@link #beforePush}'s rule, without the conflicts row: null (no conflict), or whether Salesforce's change wins. */
    static Boolean onPush(String remote, Instant remoteTime, String local, Instant localTime, String ledgerHash) {
        if (ledgerHash == null || PushLedger.hash(remote).equals(ledgerHash) || Objects.equals(remote, local)) {
            return null;
        }
        return localTime == null || remoteTime.isAfter(localTime);
    }

    private void recordConflict(String object, long localId, String externalId, String field, String local, Instant localTime,
                                String remote, Instant remoteTime, boolean remoteWins) {
        store.recordConflict(new SalesforceStore.Conflict(object, localId, externalId, field, local, localTime, remote, remoteTime,
                remoteWins ? "remote" : "local"));
    }
}
