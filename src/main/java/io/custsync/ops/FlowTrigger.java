package io.custsync.ops;

import io.custsync.sync.FlowFirer;
import io.custsync.sync.RunRequest;
import org.apache.camel.CamelContext;
import org.apache.camel.ServiceStatus;
import org.apache.camel.component.quartz.QuartzComponent;
import java.util.Date;
import java.util.List;
import org.quartz.JobDataMap;
import org.quartz.JobKey;
import org.quartz.Scheduler;
import org.quartz.Trigger;
import org.quartz.SchedulerException;
import org.springframework.stereotype.Component;

/**
 * Fires a flow's own Quartz job now: the run goes through the same route, and Quartz keeps it from
 * overlapping a run already going ({@code stateful=true}), on whichever node holds the job.
 */
@Component
public class FlowTrigger implements FlowFirer {

    /** Flow routes are {@code quartz:sync/<flow>}: job group {@value}, job name the flow id. */
    public static final String GROUP = "sync";

    private final CamelContext camel;

    public FlowTrigger(CamelContext camel) {
        this.camel = camel;
    }

    /** @return false when the flow's route is not running (its mode disables it, or it was stopped) */
    @Override
    public boolean fireNow(String flow) {
        return fireNow(flow, false);
    }

    /**
     * @param dryRun the run computes and reports what it would write, and writes nothing (output flows); it
     *               reaches the route as the Quartz job data entry {@value RunRequest#DRY_RUN}
     */
    public boolean fireNow(String flow, boolean dryRun) {
        JobDataMap data = new JobDataMap();
        data.put(RunRequest.DRY_RUN, dryRun);
        return fire(flow, data);
    }

    /** Fires a run of a push flow that sends one local row again, to replay its dead letter. */
    public boolean fireReplay(String flow, RunRequest.Replay replay) {
        JobDataMap data = new JobDataMap();
        data.put(RunRequest.DRY_RUN, false);
        data.put(RunRequest.REPLAY_LETTER, replay.letter());
        data.put(RunRequest.REPLAY_LOCAL_ID, replay.localId());
        return fire(flow, data);
    }

    private boolean fire(String flow, JobDataMap data) {
        // Quartz keeps the job of a disabled or stopped route: triggering it would start nothing at all.
        ServiceStatus route = camel.getRouteController().getRouteStatus(flow);
        if (route == null || !route.isStarted()) {
            return false;
        }
        try {
            var scheduler = scheduler();
            JobKey job = JobKey.jobKey(flow, GROUP);
            if (scheduler == null || !scheduler.checkExists(job)) {
                return false;
            }
            scheduler.triggerJob(job, data);
            return true;
        } catch (SchedulerException e) {
            throw new IllegalStateException("could not fire flow " + flow + ": " + e.getMessage(), e);
        }
    }

    /** When the flow's trigger fires next, or null when it is not scheduled (route stopped or disabled). */
    public Date nextFireTime(String flow) {
        try {
            Scheduler scheduler = scheduler();
            if (scheduler == null) {
                return null;
            }
            List<? extends Trigger> triggers = scheduler.getTriggersOfJob(JobKey.jobKey(flow, GROUP));
            return triggers.stream().map(Trigger::getNextFireTime).filter(d -> d != null).min(Date::compareTo).orElse(null);
        } catch (SchedulerException e) {
            return null;
        }
    }

    private Scheduler scheduler() {
        return camel.getComponent("quartz", QuartzComponent.class).getScheduler();
    }
}
