package io.custsync.sync;

/**
 * Fires a run of a flow now, through its own scheduled job (so it never overlaps a run already going): what a run
 * that completed does for the flows that waited for it. Operations implement it with Quartz.
 */
public interface FlowFirer {

    /** @return false when the flow's route is not running (its mode disables it, or it was stopped) */
    boolean fireNow(String flow);
}
