package io.custsync.ops;

import org.springframework.jmx.export.annotation.ManagedOperation;
import org.springframework.jmx.export.annotation.ManagedOperationParameter;
import org.springframework.jmx.export.annotation.ManagedResource;
import org.springframework.stereotype.Component;

/**
 * "Run now" in the Camel management console: Hawtio shows this MBean under {@code io.custsync > SyncFlows}
 * in its JMX tree, with its operations (dry runs, which answer with their report, are {@link DryRuns}). Like
 * every Jolokia operation that changes state, it needs the admin role.
 */
@Component
@ManagedResource(objectName = "io.custsync:type=SyncFlows", description = "Sync flows: run one now")
public class FlowsMBean {

    private final RunNow runNow;

    public FlowsMBean(RunNow runNow) {
        this.runNow = runNow;
    }

    @ManagedOperation(description = "Runs a flow now (as its schedule would); says which run started, or why not")
    @ManagedOperationParameter(name = "flow", description = "flow id, e.g. intercom-contacts")
    public String runNow(String flow) {
        return describe(flow, runNow.run(flow, false));
    }

    private static String describe(String flow, RunNow.Result result) {
        if (result instanceof RunNow.Started started) {
            return "started " + flow + (started.runId() == null ? "" : " run " + started.runId());
        }
        if (result instanceof RunNow.AlreadyRunning running) {
            return flow + " is already running (run " + running.runId() + ")";
        }
        if (result instanceof RunNow.Refused refused) {
            return "not started: " + refused.reason();
        }
        return "unknown flow " + flow;
    }
}
