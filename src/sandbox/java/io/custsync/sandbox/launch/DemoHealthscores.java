package io.custsync.sandbox.launch;

import io.custsync.intercom.IntercomConnection;
import io.custsync.store.CustomerStore;
import io.custsync.sync.intercom.push.PushStarting;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;

/**
 * The demo's stand-in for a team's scoring job ({@code sync.demo.seed-healthscores}): nothing in the demo scores
 * customers, so before each healthscore push those with neither a healthscore nor a CSM pulse get a deterministic
 * pair, and the push has something to send. {@code sandbox} (default): only while the in-process Intercom sandbox is
 * used, never against a real workspace; {@code true}: always; {@code false}: never.
 */
final class DemoHealthscores {

    private static final Logger log = LoggerFactory.getLogger(DemoHealthscores.class);
    private static final String FLOW = "healthscore-push";

    private final CustomerStore customers;
    private final boolean enabled;

    DemoHealthscores(CustomerStore customers, IntercomConnection intercom, String mode) {
        this.customers = customers;
        this.enabled = "true".equalsIgnoreCase(mode.trim()) || ("sandbox".equalsIgnoreCase(mode.trim()) && intercom.isSandbox());
    }

    @EventListener
    void beforePush(PushStarting push) {
        if (!enabled || !push.flow().equals(FLOW)) {
            return;
        }
        int seeded = customers.seedDemoHealthscores();
        if (seeded > 0) {
            log.info("Demo: seeded a deterministic healthscore and CSM pulse for {} customer(s) (sync.demo.seed-healthscores)", seeded);
        }
    }
}
