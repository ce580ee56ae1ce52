package io.custsync.salesforce;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code sync.salesforce.*}: how the Salesforce flows read and write. The connection itself (login URL,
 * client, refresh token or user name and password) is camel-salesforce's, as {@code camel.component.salesforce.*}.
 */
@ConfigurationProperties("sync.salesforce")
public class SalesforceProperties {

    /**
     * Incremental reads start this long before the checkpoint: Salesforce stamps SystemModstamp when a
     * transaction starts, so a record committed late can carry a time the previous read already passed.
     */
    private Duration lookback = Duration.ofMinutes(5);
    /** Local records read per push page (one transaction, one ledger update per written record). */
    private int pushPageSize = 200;
    /** The in-process sandbox used when no Salesforce credentials are set. */
    private final Sandbox sandbox = new Sandbox();

    public static class Sandbox {
        private long seed = 42;
        private int users = 5;
        private int accounts = 40;
        private int contacts = 120;
        /** Records per query page (Salesforce: 2,000). */
        private int queryBatchSize = 2000;

        public long getSeed() { return seed; }
        public void setSeed(long seed) { this.seed = seed; }
        public int getUsers() { return users; }
        public void setUsers(int users) { this.users = users; }
        public int getAccounts() { return accounts; }
        public void setAccounts(int accounts) { this.accounts = accounts; }
        public int getContacts() { return contacts; }
        public void setContacts(int contacts) { this.contacts = contacts; }
        public int getQueryBatchSize() { return queryBatchSize; }
        public void setQueryBatchSize(int queryBatchSize) { this.queryBatchSize = queryBatchSize; }
    }

    public Duration getLookback() { return lookback; }
    public void setLookback(Duration lookback) { this.lookback = lookback; }
    public int getPushPageSize() { return pushPageSize; }
    public void setPushPageSize(int pushPageSize) { this.pushPageSize = pushPageSize; }
    public Sandbox getSandbox() { return sandbox; }
}
