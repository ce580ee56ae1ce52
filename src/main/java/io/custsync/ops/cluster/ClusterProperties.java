package io.custsync.ops.cluster;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/** {@code sync.cluster.*}: several instances on one PostgreSQL share the schedule through Quartz's JDBC job store. */
@ConfigurationProperties("sync.cluster")
public class ClusterProperties {

    /** SYNC_CLUSTER_ENABLED. Off: each instance schedules every flow itself (one instance only). */
    private boolean enabled = false;
    /** How often a node tells the others it is alive; a node silent for longer is presumed dead and its jobs recovered. */
    private Duration checkinInterval = Duration.ofSeconds(7);
    private int threads = 10;

    public boolean isEnabled() { return enabled; }
    public void setEnabled(boolean enabled) { this.enabled = enabled; }
    public Duration getCheckinInterval() { return checkinInterval; }
    public void setCheckinInterval(Duration checkinInterval) { this.checkinInterval = checkinInterval; }
    public int getThreads() { return threads; }
    public void setThreads(int threads) { this.threads = threads; }
}
