package io.custsync.ops;

import io.custsync.sync.FlowPlan.FlowPlanException;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Route files that declare a flow wrongly, as Spring Boot's plain "APPLICATION FAILED TO START" report. */
public class FlowPlanFailureAnalyzer extends AbstractFailureAnalyzer<FlowPlanException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, FlowPlanException cause) {
        return new FailureAnalysis(cause.getMessage(),
                "Correct the named parameters of each flow's templatedRoute (the README's \"Routes\" section lists them).", cause);
    }
}
