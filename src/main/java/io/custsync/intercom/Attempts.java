package io.custsync.intercom;

/** How one Intercom call is going: the {@code intercom-call} route loops while {@link #isAgain()}. */
public final class Attempts {

    public static final String PROPERTY = "intercomAttempts";

    private int made;
    private int rateLimited;
    private int busy;
    private boolean done;

    void attempt() { made++; }
    void succeed() { done = true; }
    void giveUp() { done = true; }

    /** Read by the route's loop. */
    public boolean isAgain() { return !done; }

    int made() { return made; }
    int nextRateLimitWait() { return ++rateLimited; }
    int nextBusyWait() { return ++busy; }
}
