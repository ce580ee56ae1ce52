package io.custsync.routes;

import static org.assertj.core.api.Assertions.assertThat;

import io.custsync.sync.Flow;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * A dry run is enforced where the writes are: in the route files, every endpoint an output flow sends to is
 * behind a {@code choice} on the run's dry-run flag (its {@code otherwise}), except the reads named here.
 */
class DryRunRoutesTest {

    /** Endpoints that only read (lookups, the two-way check); everything else an output flow calls may write. */
    private static final List<String> READS = List.of("salesforce:query?", "salesforce:queryMore?");

    @Test
    void everyOutputFlowReachesItsWriteEndpointsOnlyWhenItIsNotADryRun() throws IOException {
        List<Map<String, Object>> elements = new ArrayList<>();
        try (Stream<Path> files = Files.list(Path.of("routes"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".camel.yaml")).sorted().toList()) {
                try (InputStream in = Files.newInputStream(file)) {
                    List<Map<String, Object>> list = new Yaml().load(in);
                    elements.addAll(list);
                }
            }
        }
        for (Flow flow : Flow.values()) {
            if (flow.direction() != Flow.Direction.OUT) {
                continue;
            }
            String template = elements.stream().map(e -> map(e.get("templatedRoute"))).filter(t -> t != null && flow.id().equals(t.get("routeId")))
                    .map(t -> (String) t.get("routeTemplateRef")).findFirst()
                    .orElseThrow(() -> new AssertionError(flow.id() + " is not a templatedRoute"));
            Map<String, Object> route = elements.stream().map(e -> map(e.get("routeTemplate")))
                    .filter(t -> t != null && template.equals(t.get("id"))).findFirst().orElseThrow();
            List<String> endpoints = new ArrayList<>();
            List<String> unguarded = new ArrayList<>();
            walk(route, new LinkedList<>(), endpoints, unguarded);
            assertThat(endpoints).as("%s (template %s) sends to", flow.id(), template).isNotEmpty();
            assertThat(unguarded).as("%s (template %s): endpoints reachable in a dry run", flow.id(), template).isEmpty();
        }
    }

    /** Collects every {@code to} under {@code node}, and those not inside the otherwise of a dry-run choice. */
    private static void walk(Object node, Deque<Object> ancestors, List<String> endpoints, List<String> unguarded) {
        if (node instanceof Map<?, ?> m) {
            for (Map.Entry<?, ?> e : m.entrySet()) {
                if ("to".equals(e.getKey())) {
                    String uri = e.getValue() instanceof Map<?, ?> to ? String.valueOf(to.get("uri")) : String.valueOf(e.getValue());
                    endpoints.add(uri);
                    if (READS.stream().noneMatch(uri::startsWith) && !guarded(ancestors)) {
                        unguarded.add(uri);
                    }
                }
                ancestors.push(e);
                walk(e.getValue(), ancestors, endpoints, unguarded);
                ancestors.pop();
            }
        } else if (node instanceof List<?> list) {
            for (Object item : list) {
                walk(item, ancestors, endpoints, unguarded);
            }
        }
    }

    /** Inside {@code choice: otherwise:} of a choice whose when tests {@code syncRun.dryRun}. */
    private static boolean guarded(Deque<Object> ancestors) {
        Object below = null;
        for (Object a : ancestors) { // innermost first
            if (a instanceof Map.Entry<?, ?> e && "choice".equals(e.getKey()) && below instanceof Map.Entry<?, ?> b
                    && "otherwise".equals(b.getKey()) && e.getValue() instanceof Map<?, ?> choice
                    && String.valueOf(choice.get("when")).contains("exchangeProperty.syncRun.dryRun")) {
                return true;
            }
            below = a;
        }
        return false;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object o) {
        return o instanceof Map<?, ?> ? (Map<String, Object>) o : null;
    }
}
