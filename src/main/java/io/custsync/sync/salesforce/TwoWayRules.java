package io.custsync.sync.salesforce;

import io.custsync.store.PushLedger;
import io.custsync.store.QueryCatalogue;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Objects;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Two-way, field by field, for a value arriving from Salesforce. The ledger holds the value both sides last
 * agreed on: an incoming value equal to it changed nothing there (or is our own write coming back); a local
 * value equal to it changed nothing here. When both changed to different values, the newer change wins by
 * modification time and a conflicts row keeps both sides.
 */
@Component
public class TwoWayRules {

    /** What to do with one incoming field: take it locally, and whether the ledger now holds it. */
    public record Decision(boolean apply, boolean agreed) {
        static final Decision NOTHING = new Decision(false, false);
    }

    private final NamedParameterJdbcTemplate jdbc;
    private final QueryCatalogue queries;

    public TwoWayRules(NamedParameterJdbcTemplate jdbc, QueryCatalogue queries) {
        this.jdbc = jdbc;
        this.queries = queries;
    }

    /**
     * @param ledgerHash the agreed value's hash, or null when this field was never synced
     * @param localTime  when the local value last changed (null: unknown)
     */
    public Decision decide(String object, long localId, String externalId, String field, String remote, Instant remoteTime,
                           String local, Instant localTime, String ledgerHash) {
        String remoteHash = PushLedger.hash(remote);
        if (remoteHash.equals(ledgerHash)) {
            return Decision.NOTHING;
        }
        if (Objects.equals(remote, local)) {
            return new Decision(false, true);
        }
        if (ledgerHash == null) {
            // Never synced: no common past to call a conflict; the newer side (or the only value) wins.
            boolean remoteWins = local == null || localTime == null || !remoteTime.isBefore(localTime);
            return new Decision(remoteWins, remoteWins);
        }
        if (PushLedger.hash(local).equals(ledgerHash)) {
            return new Decision(true, true);
        }
        boolean remoteWins = localTime == null || remoteTime.isAfter(localTime);
        recordConflict(object, localId, externalId, field, local, localTime, remote, remoteTime, remoteWins);
        return new Decision(remoteWins, remoteWins);
    }

    /**
     * Before a push overwrites a field: whether Salesforce changed it since the value both sides last agreed on,
     * to a value other than ours. Null: no conflict, push it. True: Salesforce's change is newer; the push
     * leaves the field and the next read takes it (and records the conflict, as {@link #decide} does). False:
     * ours is newer; it is pushed and the conflict is recorded here, once ({@code record}: a dry run records none).
     */
    public Boolean beforePush(String object, long localId, String externalId, String field, String remote, Instant remoteTime,
                              String local, Instant localTime, String ledgerHash, boolean record) {
        if (ledgerHash == null || PushLedger.hash(remote).equals(ledgerHash) || Objects.equals(remote, local)) {
            return null;
        }
        boolean remoteWins = localTime == null || remoteTime.isAfter(localTime);
        if (!remoteWins && record) {
            recordConflict(object, localId, externalId, field, local, localTime, remote, remoteTime, false);
        }
        return remoteWins;
    }

    private void recordConflict(String object, long localId, String externalId, String field, String local, Instant localTime,
                                String remote, Instant remoteTime, boolean remoteWins) {
        jdbc.update(queries.sql("sf-insert-conflict"), new MapSqlParameterSource()
                .addValue("system", "salesforce").addValue("object", object).addValue("localId", localId)
                .addValue("externalId", externalId).addValue("field", field)
                .addValue("localValue", local).addValue("localModifiedAt", localTime == null ? null : Timestamp.from(localTime))
                .addValue("remoteValue", remote).addValue("remoteModifiedAt", Timestamp.from(remoteTime))
                .addValue("winner", remoteWins ? "remote" : "local"));
    }
}
