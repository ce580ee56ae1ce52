package io.custsync.connect;

/**
 * No credentials for a system, and no {@link SandboxLauncher} in this build to stand in for it: start-up stops and
 * names the variables to set ({@code ops.NoSandboxFailureAnalyzer}).
 */
public class NoSandboxException extends IllegalStateException {

    private final String system;
    private final String variables;
    private final String otherwise;

    /**
     * @param system    the system without credentials, e.g. "Intercom"
     * @param variables the environment variables that would connect it, as the README's table names them
     * @param otherwise what else avoids the need, e.g. "disable the Salesforce modes in config/mappings.yaml", or null
     */
    public NoSandboxException(String system, String variables, String otherwise) {
        super("No credentials for " + system + " are set, and this build has no simulators (src/sandbox) to stand in"
                + " for it. Set " + variables + (otherwise == null ? "" : ", or " + otherwise) + ".");
        this.system = system;
        this.variables = variables;
        this.otherwise = otherwise;
    }

    public String system() {
        return system;
    }

    public String variables() {
        return variables;
    }

    /** What else avoids the need for credentials, or null. */
    public String otherwise() {
        return otherwise;
    }
}
