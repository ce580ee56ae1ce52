package io.custsync.sync;

import io.custsync.intercom.CallWaits;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.springframework.stereotype.Component;

/**
 * The runs going on in this process, and whether the service has begun to stop. A run's waits (rate-limit windows,
 * retry backoff) go through {@link #pause}, so a stop ends them at once instead of after the wait: the run then
 * fails as interrupted while the store is still there to record it.
 */
@Component
public class RunsInFlight implements CallWaits {

    /** What a run's wait throws when the service stops: the run ends as interrupted. */
    public static class Stopping extends RuntimeException {
        public Stopping() {
            super("interrupted: the service stopped during the run");
        }
    }

    private final Map<Long, String> runs = new ConcurrentHashMap<>();
    private final CountDownLatch stopping = new CountDownLatch(1);

    void began(SyncRun run) {
        runs.put(run.id(), run.flow());
    }

    void ended(SyncRun run) {
        runs.remove(run.id());
    }

    /** Ids of the runs not ended yet. */
    public Set<Long> ids() {
        return Set.copyOf(runs.keySet());
    }

    @Override
    public boolean isStopping() {
        return stopping.getCount() == 0;
    }

    /** From now on every wait of a run ends at once with {@link Stopping}. */
    public void stop() {
        stopping.countDown();
    }

    /** Waits {@code millis}, or throws {@link Stopping} as soon as the service stops (also when it already has). */
    @Override
    public void pause(long millis) throws InterruptedException {
        if (stopping.await(Math.max(0, millis), TimeUnit.MILLISECONDS)) {
            throw new Stopping();
        }
    }

    /** Throws {@link Stopping} when the service has begun to stop. */
    @Override
    public void check() {
        if (isStopping()) {
            throw new Stopping();
        }
    }
}
