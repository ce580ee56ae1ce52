package io.custsync.intercom;

import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.actuate.health.Status;
import org.springframework.stereotype.Component;

/**
 * {@code intercom} in actuator health: UP; NEEDS_REAUTH with the reason after a refused token; DOWN with the
 * reason when the last call could not reach Intercom. The token never appears. Reading health calls nothing.
 */
@Component("intercom")
public class IntercomHealthIndicator implements HealthIndicator {

    public static final Status NEEDS_REAUTH = new Status("NEEDS_REAUTH", "The Intercom token was refused; set a new one");

    private final IntercomConnection connection;

    public IntercomHealthIndicator(IntercomConnection connection) {
        this.connection = connection;
    }

    @Override
    public Health health() {
        Health.Builder health;
        if (!connection.usable()) {
            health = Health.status(NEEDS_REAUTH).withDetail("reason", connection.reason());
        } else if (connection.unreachableReason() != null) {
            health = Health.down().withDetail("reason", connection.unreachableReason());
        } else {
            health = Health.up();
        }
        return health.withDetail("apiUrl", connection.apiUrl()).withDetail("apiVersion", IntercomConnection.API_VERSION)
                .withDetail("sandbox", connection.isSandbox()).build();
    }
}
