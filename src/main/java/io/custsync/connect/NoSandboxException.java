package io.custsync.connect;

/**
 * No credentials for a system, and no {@link SandboxLauncher} in this build to stand in for it: start-up stops and
 * names the variables to set ({@code ops.NoSandboxFailureAnalyzer}).
 */
public class NoSandboxException extends IllegalStateException {

    private final String system;
    private final String variables;

    /**
     * @param system    the system without credentials, e.g. "Intercom"
     * @param variables the environment variables that would connect it, as the README's table names them
     */
    public NoSandboxException(String system, String variables) {
        super("No credentials for " + system + " are set, and this build has no simulators (src/sandbox) to stand in"
                + " for it. Set " + variables + ".");
        this.system = system;
        this.variables = variables;
    }

    public String system() {
        return system;
    }

    public String variables() {
        return variables;
    }
}
