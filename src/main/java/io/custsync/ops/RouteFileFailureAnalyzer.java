package io.custsync.ops;

import org.apache.camel.spring.boot.CamelSpringBootInitializationException;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * A route file that does not load stops start-up; Camel's message already names the file, line and column
 * ("in file:routes/x.camel.yaml, line 7, column 24"), so the report leads with it instead of a stack trace.
 */
public class RouteFileFailureAnalyzer extends AbstractFailureAnalyzer<CamelSpringBootInitializationException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, CamelSpringBootInitializationException cause) {
        String message = String.valueOf(cause.getMessage());
        int at = message.indexOf(" in file:");
        if (at < 0) {
            return null; // not a route file problem: let Spring Boot report it as usual
        }
        String location = message.substring(at + " in ".length()).lines().findFirst().orElse("").trim();
        return new FailureAnalysis("A route file could not be loaded: " + message.substring(0, at).trim()
                + "\n  at " + location,
                "Correct the route file (see the README's \"Routes\" section), or move it out of the routes folder.", cause);
    }
}
