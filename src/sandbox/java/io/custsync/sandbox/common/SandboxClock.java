package io.custsync.sandbox.common;

import java.time.Duration;
import java.time.Instant;

/**
 * A simulator's notion of "now": every timestamp it records, every window it measures (rate limits, scroll and
 * session expiry, daily limits) reads it, so tests move time instead of sleeping. It flows with the machine's
 * monotonic clock from where it was set, or stands still while frozen; {@link #set} and {@link #advance} move it
 * either way.
 */
public final class SandboxClock {

    private Instant base;
    private long nanosAtBase;
    private boolean frozen;

    /** @param start where the clock starts; null: the real time */
    public SandboxClock(Instant start, boolean frozen) {
        this.base = start != null ? start : Instant.now();
        this.nanosAtBase = System.nanoTime();
        this.frozen = frozen;
    }

    public synchronized Instant now() {
        return frozen ? base : base.plusMillis((System.nanoTime() - nanosAtBase) / 1_000_000L);
    }

    /** Now in whole UNIX seconds (rounded down). */
    public long epochSecond() {
        return now().getEpochSecond();
    }

    public synchronized void set(Instant to) {
        base = to;
        nanosAtBase = System.nanoTime();
    }

    public synchronized void advance(Duration by) {
        set(now().plus(by));
    }

    /** Stops the clock where it stands ({@link #set} and {@link #advance} still move it). */
    public synchronized void freeze() {
        set(now());
        frozen = true;
    }

    /** Lets the clock run again from where it stands. */
    public synchronized void unfreeze() {
        set(now());
        frozen = false;
    }

    public synchronized boolean isFrozen() {
        return frozen;
    }
}
