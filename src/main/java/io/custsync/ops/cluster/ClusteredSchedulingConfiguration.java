package io.custsync.ops.cluster;

import java.util.LinkedHashMap;
import java.util.Map;
import javax.sql.DataSource;
import org.apache.camel.component.quartz.QuartzComponent;
import org.apache.camel.spi.ComponentCustomizer;
import org.quartz.utils.DBConnectionManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Clustered scheduling: with {@code sync.cluster.enabled=true}, Quartz keeps the flows' jobs and triggers in the
 * shared PostgreSQL (tables from Flyway) and the nodes take each fire in turn, so each fire runs on exactly
 * one node and a dead node's flows fire on another. Every node must use the same Camel context name (it
 * names the scheduler); the routes keep their jobs when a node stops ({@code deleteJob=false}).
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ClusterProperties.class)
@ConditionalOnProperty(name = "sync.cluster.enabled", havingValue = "true")
public class ClusteredSchedulingConfiguration {

    static final String DATA_SOURCE = "syncStore";
    private static final Logger log = LoggerFactory.getLogger(ClusteredSchedulingConfiguration.class);

    @Bean
    ComponentCustomizer clusteredQuartz(DataSource dataSource, ClusterProperties cluster) {
        return ComponentCustomizer.forType(QuartzComponent.class, quartz -> {
            DBConnectionManager.getInstance().addConnectionProvider(DATA_SOURCE, new StoreConnectionProvider(dataSource));
            Map<String, Object> properties = new LinkedHashMap<>();
            properties.put("org.quartz.scheduler.instanceName", "SyncScheduler");
            properties.put("org.quartz.scheduler.instanceId", "AUTO");
            properties.put("org.quartz.threadPool.class", "org.quartz.simpl.SimpleThreadPool");
            properties.put("org.quartz.threadPool.threadCount", String.valueOf(cluster.getThreads()));
            properties.put("org.quartz.jobStore.class", "org.quartz.impl.jdbcjobstore.JobStoreTX");
            properties.put("org.quartz.jobStore.driverDelegateClass", "org.quartz.impl.jdbcjobstore.PostgreSQLDelegate");
            properties.put("org.quartz.jobStore.dataSource", DATA_SOURCE);
            properties.put("org.quartz.jobStore.tablePrefix", "QRTZ_");
            properties.put("org.quartz.jobStore.isClustered", "true");
            properties.put("org.quartz.jobStore.clusterCheckinInterval", String.valueOf(cluster.getCheckinInterval().toMillis()));
            properties.put("org.quartz.jobStore.acquireTriggersWithinLock", "true");
            properties.put("org.quartz.jobStore.misfireThreshold", "60000");
            quartz.setProperties(properties);
            log.info("Clustered scheduling: Quartz jobs in the shared store, node check-in every {}", cluster.getCheckinInterval());
        });
    }
}
