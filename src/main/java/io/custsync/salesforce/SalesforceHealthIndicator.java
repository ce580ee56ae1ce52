package io.custsync.salesforce;

import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * {@code /actuator/health/salesforce}: UP (or not yet used), DOWN with the reason the last call failed, or
 * UNKNOWN with state NOT_CONFIGURED when no Salesforce mode is enabled (so it does not pull the whole
 * service's health down).
 */
@Component("salesforce")
public class SalesforceHealthIndicator implements HealthIndicator {

    private final SalesforceConnection connection;

    public SalesforceHealthIndicator(SalesforceConnection connection) {
        this.connection = connection;
    }

    @Override
    public Health health() {
        if (!connection.configured()) {
            return Health.unknown().withDetail("state", "NOT_CONFIGURED")
                    .withDetail("reason", "not configured: no Salesforce mode is enabled in mappings.yaml").build();
        }
        Health.Builder health = connection.failure() == null ? Health.up() : Health.down().withDetail("reason", connection.failure());
        health.withDetail("state", connection.failure() == null ? "UP" : "DOWN")
                .withDetail("org", connection.kind() == SalesforceConnection.Kind.SANDBOX ? "in-process sandbox" : connection.loginUrl());
        if (connection.lastSuccess() != null) {
            health.withDetail("lastSuccess", connection.lastSuccess().toString());
        }
        return health.build();
    }
}
