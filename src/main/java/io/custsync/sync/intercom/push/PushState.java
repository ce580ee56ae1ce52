package io.custsync.sync.intercom.push;

import java.util.ArrayDeque;
import java.util.Deque;

/** Where a push run is, as the exchange property {@value #PROPERTY}; the route loops while {@link #isHasCall()}. */
public final class PushState {

    public static final String PROPERTY = "push";

    final Deque<PushCall> queue = new ArrayDeque<>();
    final PushReport report = new PushReport();
    PushCall current;
    boolean hasCall;
    boolean sourceDone;
    /** Keyset cursor over the flow's source rows (the last local id planned). */
    long after;
    /** Raised by finish(), outside the route's doTry, where the flow's error handling fails the run. */
    Exception failure;

    public boolean isHasCall() { return hasCall; }

    public PushReport report() { return report; }
}
