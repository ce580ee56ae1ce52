package io.custsync.sync.intercom.push;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.Set;

/**
 * Where a push run is, as the exchange property {@value #PROPERTY}; the route loops while {@link #isHasCall()}
 * and, in a dry run, counts the current call instead of making it when {@link #isWrite()}.
 */
public final class PushState {

    public static final String PROPERTY = "push";

    final Deque<PushCall> queue = new ArrayDeque<>();
    PushCall current;
    boolean hasCall;
    boolean sourceDone;
    /** Keyset cursor over the flow's source rows (the last local id planned). */
    long after;
    /** Whether the flow has open or discarded dead letters at all (else no write needs the "refused before?" look-up). */
    boolean anyRefused;
    /** Records of the current page that went through, and those refused: the open letters of the first are resolved. */
    final Set<String> clean = new HashSet<>();
    final Set<String> failed = new HashSet<>();
    /** Raised by finish(), outside the route's doTry, where the flow's error handling fails the run. */
    Exception failure;

    public boolean isHasCall() { return hasCall; }

    /** The call about to be made writes to Intercom (a dry run counts it instead). */
    public boolean isWrite() { return current != null && current.write(); }
}
