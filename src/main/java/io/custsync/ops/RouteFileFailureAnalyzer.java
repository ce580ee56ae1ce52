package io.custsync.ops;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.apache.camel.spring.boot.CamelSpringBootInitializationException;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * A route file that does not load stops start-up. Camel names the file in one exception of the chain and
 * the YAML parser the line in another; the report puts both on one line ahead of the stack trace.
 */
public class RouteFileFailureAnalyzer extends AbstractFailureAnalyzer<CamelSpringBootInitializationException> {

    private static final Pattern FILE = Pattern.compile("file:(\\S+?\\.ya?ml)");
    private static final Pattern LINE = Pattern.compile("line (\\d+), column (\\d+)");

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, CamelSpringBootInitializationException cause) {
        String file = null;
        String line = null;
        String problem = null;
        for (Throwable t = cause; t != null; t = t.getCause()) {
            String message = String.valueOf(t.getMessage());
            Matcher f = FILE.matcher(message);
            if (file == null && f.find()) {
                file = f.group(1);
            }
            if (t instanceof MarkedYamlEngineException yaml && yaml.getProblemMark().isPresent()) {
                // The parser's own account: what is wrong and where (not where the enclosing block began).
                line = "line " + (yaml.getProblemMark().get().getLine() + 1) + ", column " + (yaml.getProblemMark().get().getColumn() + 1);
                problem = yaml.getProblem();
                continue;
            }
            Matcher l = LINE.matcher(message);
            if (line == null && l.find()) {
                line = "line " + l.group(1) + ", column " + l.group(2);
                problem = message.lines().findFirst().orElse(message).trim();
            }
        }
        if (file == null) {
            return null; // not a route file problem: Spring Boot reports it as usual
        }
        return new FailureAnalysis("Route file " + file + " could not be loaded"
                + (line != null ? " (" + line + "): " + problem : ": " + cause.getMessage()),
                "Correct the route file (the README's \"Routes\" section shows the layout), or move it out of the routes folder.",
                cause);
    }
}
