package io.custsync.ops;

import io.custsync.store.SyncRunStore;
import io.custsync.sync.RunsInFlight;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.apache.camel.CamelContext;
import org.apache.camel.Endpoint;
import org.apache.camel.component.http.HttpEndpoint;
import org.apache.camel.component.quartz.QuartzComponent;
import org.apache.camel.support.service.ServiceHelper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * When the service stops, the runs in flight end first, while the store is there to record them: no new fire
 * starts, waits (rate-limit windows, backoff) end at once, calls waiting for an answer are cut off, and each run
 * fails as interrupted through its flow's own error handling. Only then does the Camel context stop (it would
 * otherwise wait up to its shutdown timeout for them), and after it the store.
 */
@Component
public class FlowsShutdown implements SmartLifecycle {

    /** Camel's context (SpringCamelContext) stops in phase {@code Integer.MAX_VALUE - 2049}; a higher phase stops first. */
    static final int PHASE = Integer.MAX_VALUE - 2048;
    /** How long the runs get to record their end once their calls are cut off (a page write finishes in far less). */
    static final Duration GRACE = Duration.ofSeconds(10);

    private static final Logger log = LoggerFactory.getLogger(FlowsShutdown.class);

    /** Looked up when stopping: a lifecycle bean's injected dependencies are started with it, Camel before its routes load. */
    private final ObjectProvider<CamelContext> camel;
    private final RunsInFlight runs;
    private final SyncRunStore history;
    private volatile boolean running;

    public FlowsShutdown(ObjectProvider<CamelContext> camel, RunsInFlight runs, SyncRunStore history) {
        this.camel = camel;
        this.runs = runs;
        this.history = history;
    }

    @Override
    public void start() {
        running = true;
    }

    @Override
    public void stop() {
        running = false;
        standbyScheduler();
        runs.stop();
        Set<Long> inFlight = runs.ids();
        if (inFlight.isEmpty()) {
            return;
        }
        log.info("Stopping: ending {} run(s) in flight as interrupted", inFlight.size());
        // The flows' HTTP clients are closed: a call waiting for an answer fails now rather than at its timeout.
        CamelContext context = camel.getIfAvailable();
        for (Endpoint endpoint : context == null ? List.<Endpoint>of() : context.getEndpoints()) {
            if (endpoint instanceof HttpEndpoint) {
                ServiceHelper.stopService(endpoint);
            }
        }
        Instant deadline = Instant.now().plus(GRACE);
        while (!runs.ids().isEmpty() && Instant.now().isBefore(deadline)) {
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        for (Long id : runs.ids()) {
            // Still going (e.g. a call Camel cannot cut off): recorded now, while the store is up.
            history.interrupt(id);
            log.warn("Run {} did not end within {} s of the stop; recorded as interrupted", id, GRACE.toSeconds());
        }
    }

    /** No new fire (schedule, run now, a waiting flow) starts once the service is stopping. */
    private void standbyScheduler() {
        CamelContext context = camel.getIfAvailable();
        if (context != null && context.hasComponent("quartz") instanceof QuartzComponent quartz && quartz.getScheduler() != null) {
            try {
                quartz.getScheduler().standby();
            } catch (Exception e) {
                log.info("Quartz scheduler could not be put on standby ({}); runs that start now are skipped", e.getMessage());
            }
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        return PHASE;
    }
}
