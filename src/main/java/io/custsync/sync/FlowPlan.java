package io.custsync.sync;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * What {@code routes/} declares of each flow, read at start-up before Camel loads the same files. A flow is
 * declared by the {@code templatedRoute} that creates it, whose parameters say, beside the template's own:
 * <ul>
 * <li>{@code from} and {@code to}: its source and target (a system, or {@code store});</li>
 * <li>{@code mode}: the mappings.yaml key that switches it on and off;</li>
 * <li>{@code waitsFor}: the flows (comma-separated) that must have completed once before it runs;</li>
 * <li>{@code every}: its default interval in minutes (the setting {@code sync.schedules.<flow>.interval-minutes}
 *     or {@code .cron} replaces it).</li>
 * </ul>
 * The first three must agree with the {@link Flow} registry: a route file that says a flow reads from
 * Salesforce when it reads from Intercom is a mistake that stops start-up, naming the file, route and parameter.
 */
public final class FlowPlan {

    /** One flow as its route file declares it. */
    public record Declared(Flow flow, String file, int everyMinutes, List<Flow> waitsFor) {
    }

    private final Map<Flow, Declared> declared;

    private FlowPlan(Map<Flow, Declared> declared) {
        this.declared = Collections.unmodifiableMap(declared);
    }

    /** The flow as declared in routes/, or empty when no route file creates it (it then never runs). */
    public Optional<Declared> of(Flow flow) {
        return Optional.ofNullable(declared.get(flow));
    }

    /** The flows {@code flow} waits for: each must have completed once before it runs. */
    public List<Flow> waitsFor(Flow flow) {
        return of(flow).map(Declared::waitsFor).orElse(List.of());
    }

    /** The flows that wait for {@code first}. */
    public List<Flow> waitingOn(Flow first) {
        return declared.values().stream().filter(d -> d.waitsFor().contains(first)).map(Declared::flow).toList();
    }

    /**
     * Reads the route files named by Camel's include pattern (comma-separated {@code file:} or
     * {@code classpath:} patterns); every problem found is in the exception.
     */
    public static FlowPlan read(String includePattern) {
        var resolver = new PathMatchingResourcePatternResolver();
        List<String> problems = new ArrayList<>();
        Map<Flow, Declared> declared = new EnumMap<>(Flow.class);
        for (String pattern : includePattern.split(",")) {
            if (pattern.isBlank()) {
                continue;
            }
            Resource[] files;
            try {
                files = resolver.getResources(pattern.trim());
            } catch (IOException e) {
                throw new FlowPlanException(List.of(pattern.trim() + ": route files cannot be listed: " + e.getMessage()));
            }
            for (Resource file : files) {
                String name = file.getFilename();
                if (name != null && (name.endsWith(".yaml") || name.endsWith(".yml"))) {
                    read(file, declared, problems);
                }
            }
        }
        if (!problems.isEmpty()) {
            throw new FlowPlanException(problems);
        }
        return new FlowPlan(declared);
    }

    private static void read(Resource resource, Map<Flow, Declared> declared, List<String> problems) {
        String file = describe(resource);
        Object document;
        try (InputStream in = resource.getInputStream()) {
            document = new Yaml(new SafeConstructor(new LoaderOptions())).load(in);
        } catch (IOException | YAMLException e) {
            return; // Camel reports a file it cannot read or parse, with the line, when it loads it next
        }
        if (!(document instanceof List<?> items)) {
            return;
        }
        for (Object item : items) {
            if (item instanceof Map<?, ?> map && map.get("templatedRoute") instanceof Map<?, ?> route) {
                Map<String, String> parameters = parameters(route.get("parameters"));
                if (parameters.containsKey("flow")) {
                    declare(file, String.valueOf(route.get("routeId")), parameters, declared, problems);
                }
            }
        }
    }

    private static void declare(String file, String routeId, Map<String, String> parameters,
                                Map<Flow, Declared> declared, List<String> problems) {
        String where = file + ", route " + routeId + ": ";
        Optional<Flow> known = Flow.byId(parameters.get("flow"));
        if (known.isEmpty()) {
            problems.add(where + "parameter flow: '" + parameters.get("flow") + "' is not a flow the service knows (one of "
                    + String.join(", ", Arrays.stream(Flow.values()).map(Flow::id).toList()) + ")");
            return;
        }
        Flow flow = known.get();
        int before = problems.size();
        if (!flow.id().equals(routeId)) {
            problems.add(where + "routeId must be the flow's id, " + flow.id());
        }
        expect(problems, where, parameters, "from", flow.source());
        expect(problems, where, parameters, "to", flow.target());
        expect(problems, where, parameters, "mode", flow.modeSwitch());
        List<Flow> waitsFor = new ArrayList<>();
        for (String id : parameters.getOrDefault("waitsFor", "").split(",")) {
            if (!id.isBlank()) {
                Flow.byId(id.trim()).filter(first -> first != flow).ifPresentOrElse(waitsFor::add, () -> problems.add(
                        where + "parameter waitsFor: '" + id.trim() + "' is not another flow"));
            }
        }
        int every = 0;
        try {
            every = Integer.parseInt(parameters.getOrDefault("every", "").trim());
        } catch (NumberFormatException e) {
            every = -1;
        }
        if (every < 1 || every > ScheduleSettings.MAX_MINUTES) {
            problems.add(where + "parameter every: '" + parameters.getOrDefault("every", "") + "' is not a whole number of minutes from 1 to "
                    + ScheduleSettings.MAX_MINUTES);
        }
        if (declared.containsKey(flow)) {
            problems.add(where + "flow " + flow.id() + " is already created in " + declared.get(flow).file());
        }
        if (problems.size() == before) {
            declared.put(flow, new Declared(flow, file, every, List.copyOf(waitsFor)));
        }
    }

    private static void expect(List<String> problems, String where, Map<String, String> parameters, String name, String value) {
        String actual = parameters.get(name);
        if (!value.equals(actual == null ? null : actual.trim())) {
            problems.add(where + "parameter " + name + ": " + (actual == null ? "missing" : "'" + actual + "'")
                    + ", but the flow's " + name + " is '" + value + "'");
        }
    }

    private static Map<String, String> parameters(Object list) {
        Map<String, String> parameters = new LinkedHashMap<>();
        if (list instanceof List<?> entries) {
            for (Object entry : entries) {
                if (entry instanceof Map<?, ?> p && p.get("name") != null) {
                    parameters.put(String.valueOf(p.get("name")), p.get("value") == null ? null : String.valueOf(p.get("value")));
                }
            }
        }
        return parameters;
    }

    private static String describe(Resource resource) {
        try {
            return resource.isFile() ? resource.getFile().getPath() : resource.getDescription();
        } catch (IOException e) {
            return resource.getDescription();
        }
    }

    /** Route files that contradict the flow registry. */
    public static final class FlowPlanException extends IllegalStateException {
        private final List<String> problems;

        FlowPlanException(List<String> problems) {
            super("Route files declare flows wrongly:\n  " + String.join("\n  ", problems));
            this.problems = List.copyOf(problems);
        }

        public List<String> problems() {
            return problems;
        }
    }
}
