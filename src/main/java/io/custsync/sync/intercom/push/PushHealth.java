package io.custsync.sync.intercom.push;

import java.util.Map;
import java.util.TreeMap;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * Configuration errors of the pushes to Intercom (e.g. an attribute of the wrong type), shown in
 * {@code /actuator/health} under {@code intercomPush} until the flow's next run succeeds. The service stays UP:
 * one misconfigured flow is the operator's to fix, not a reason to take the instance out of service.
 */
@Component("intercomPush")
public class PushHealth implements HealthIndicator {

    private final Map<String, String> errors = new TreeMap<>();

    synchronized void configurationError(String flow, String message) {
        errors.put(flow, message);
    }

    synchronized void succeeded(String flow) {
        errors.remove(flow);
    }

    @Override
    public synchronized Health health() {
        Health.Builder health = Health.up();
        if (!errors.isEmpty()) {
            health.withDetail("configurationErrors", Map.copyOf(errors));
        }
        return health.build();
    }
}
