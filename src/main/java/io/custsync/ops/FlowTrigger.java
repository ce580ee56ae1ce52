package io.custsync.ops;

import java.util.Map;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.component.quartz.QuartzComponent;
import org.quartz.JobDataMap;
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

    /** Job data of a fired run: true makes it a dry run (camel-quartz hands the map over as a header). */
    public static final String DRY_RUN = "dryRun";

    private final CamelContext camel;

    public FlowTrigger(CamelContext camel) {
        this.camel = camel;
    }

    /** @return false when the flow's route is not running (its mode disables it, or it was stopped) */
    public boolean fireNow(String flow) {
        return fireNow(flow, false);
    }

    /**
     * @param dryRun the run computes what it would do and writes nothing (see the README's dry run)
     * @return false when the flow's route is not running (its mode disables it, or it was stopped)
     */
    public boolean fireNow(String flow, boolean dryRun) {
        try {
            var scheduler = camel.getComponent("quartz", QuartzComponent.class).getScheduler();
            JobKey job = JobKey.jobKey(flow, GROUP);
            if (scheduler == null || !scheduler.checkExists(job)) {
                return false;
            }
            if (dryRun) {
                scheduler.triggerJob(job, new JobDataMap(Map.of(DRY_RUN, true)));
            } else {
                scheduler.triggerJob(job);
            }
            return true;
        } catch (SchedulerException e) {
            throw new IllegalStateException("could not fire flow " + flow + ": " + e.getMessage(), e);
        }
    }

    /** Whether the Quartz firing behind this exchange asked for a dry run. */
    public static boolean dryRun(Exchange exchange) {
        Object data = exchange.getIn().getHeader("mergedJobDataMap");
        return data instanceof JobDataMap map && Boolean.TRUE.equals(map.get(DRY_RUN));
    }
}
