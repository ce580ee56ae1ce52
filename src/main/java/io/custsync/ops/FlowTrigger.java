package io.custsync.ops;

import org.apache.camel.CamelContext;
import org.apache.camel.component.quartz.QuartzComponent;
import org.quartz.JobKey;
import org.quartz.SchedulerException;
import org.springframework.stereotype.Component;

/**
 * Fires a flow's own Quartz job now: the run goes through the same route, and Quartz keeps it from
 * overlapping a run already going ({@code stateful=true}), on whichever node holds the job.
 */
@Component
public class FlowTrigger {

    /** Flow routes are {@code quartz:sync/<flow>}: job group {@value}, job name the flow id. */
    public static final String GROUP = "sync";

    private final CamelContext camel;

    public FlowTrigger(CamelContext camel) {
        this.camel = camel;
    }

    /** @return false when the flow's route is not running (its mode disables it, or it was stopped) */
    public boolean fireNow(String flow) {
        try {
            var scheduler = camel.getComponent("quartz", QuartzComponent.class).getScheduler();
            JobKey job = JobKey.jobKey(flow, GROUP);
            if (scheduler == null || !scheduler.checkExists(job)) {
                return false;
            }
            scheduler.triggerJob(job);
            return true;
        } catch (SchedulerException e) {
            throw new IllegalStateException("could not fire flow " + flow + ": " + e.getMessage(), e);
        }
    }
}
