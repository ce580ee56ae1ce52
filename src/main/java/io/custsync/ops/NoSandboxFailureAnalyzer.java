package io.custsync.ops;

import io.custsync.connect.NoSandboxException;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** No credentials for a system and no simulators in the build: Spring Boot's plain report, naming the variables. */
public class NoSandboxFailureAnalyzer extends AbstractFailureAnalyzer<NoSandboxException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, NoSandboxException cause) {
        return new FailureAnalysis("No credentials for " + cause.system() + " are set, and this build has no simulators"
                + " (src/sandbox) to stand in for it.", "Set " + cause.variables() + " to connect a real " + cause.system()
                + " (README: \"Configuration reference\")" + (cause.otherwise() == null ? "" : ", " + cause.otherwise())
                + ", or run a build that has the simulators (the default build; not -Pproduct).", cause);
    }
}
