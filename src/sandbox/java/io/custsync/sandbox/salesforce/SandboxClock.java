package io.custsync.sandbox.salesforce;

import java.time.Duration;
import java.time.Instant;

/**
 * The sandbox's notion of "now": every SystemModstamp, session expiry and daily-limit window reads it,
 * so tests can move time without sleeping. It either flows with the wall clock from an offset, or is
 * frozen; it never goes backwards on its own, but {@link #set} may move it anywhere.
 */
public final class SandboxClock {

    private Instant base;
    private long wallAtBase;
    private boolean frozen;

    public SandboxClock(Instant start, boolean frozen) {
        this.base = start;
        this.wallAtBase = System.nanoTime();
        this.frozen = frozen;
    }

    public synchronized Instant now() {
        if (frozen) {
            return base;
        }
        long elapsedMillis = (System.nanoTime() - wallAtBase) / 1_000_000L;
        return base.plusMillis(elapsedMillis);
    }

    public synchronized void advance(Duration by) {
        set(now().plus(by));
    }

    public synchronized void set(Instant to) {
        base = to;
        wallAtBase = System.nanoTime();
    }

    public synchronized void freeze() {
        set(now());
        frozen = true;
    }

    public synchronized void unfreeze() {
        set(now());
        frozen = false;
    }

    public synchronized boolean isFrozen() {
        return frozen;
    }
}
