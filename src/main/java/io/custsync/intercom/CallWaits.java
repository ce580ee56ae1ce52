package io.custsync.intercom;

/**
 * How the client waits (rate-limit windows, retry backoff) and whether it may still call: once the service begins
 * to stop, a wait ends at once and no new call starts, each by throwing the stop (the run then ends as interrupted).
 * The sync's runs in flight are the one implementation.
 */
public interface CallWaits {

    boolean isStopping();

    /** Waits {@code millis}, or throws as soon as the service stops (also when it already has). */
    void pause(long millis) throws InterruptedException;

    /** Throws when the service has begun to stop. */
    void check();
}
