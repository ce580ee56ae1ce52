package io.custsync.sync;

import io.custsync.mapping.Mappings;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Reads the mappings file and the flows declared in {@code routes/} as soon as the configuration is known,
 * before any bean or route exists, so a bad file stops start-up at once. Publishes what each flow's route
 * uses: {@code sync.flows.<flow>.enabled} (its {@code autoStartup}: a flow whose mode excludes it is loaded
 * but not started, and shows as stopped), {@code .mode}, {@code .trigger} (its Quartz schedule) and {@code .schedule} (the same, for people).
 */
public class FlowsEnvironmentPostProcessor implements EnvironmentPostProcessor, Ordered {

    static final String PROPERTY_SOURCE = "sync-flows";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        Mappings mappings = Mappings.load(Path.of(environment.getProperty("sync.mappings", "config/mappings.yaml")));
        FlowPlan plan = FlowPlan.read(environment.getProperty("camel.main.routes-include-pattern", ""));
        // In a cluster a stopping node must leave the shared jobs in place for the others.
        boolean clustered = Boolean.parseBoolean(environment.getProperty("sync.cluster.enabled", "false").trim());
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("sync.quartz.delete-job", !clustered);
        for (Flow flow : Flow.values()) {
            String key = "sync.flows." + flow.id();
            properties.put(key + ".enabled", flow.enabledBy(mappings));
            properties.put(key + ".mode", mappings.mode(flow.object(), flow.system()).word());
            plan.of(flow).ifPresent(declared -> {
                ScheduleSettings schedule = ScheduleSettings.of(environment, flow, declared.everyMinutes());
                properties.put(key + ".trigger", schedule.trigger() + "&deleteJob=" + !clustered);
                properties.put(key + ".schedule", schedule.describe());
            });
        }
        environment.getPropertySources().addLast(new FlowsPropertySource(mappings, plan, properties));
    }

    @Override
    public int getOrder() {
        // After Spring Boot has read application.yaml and the environment, which may move the files.
        return Ordered.LOWEST_PRECEDENCE;
    }

    /** The published settings, carrying the parsed mappings and flow plan for {@link FlowsConfiguration}. */
    static final class FlowsPropertySource extends MapPropertySource {
        final Mappings mappings;
        final FlowPlan plan;

        FlowsPropertySource(Mappings mappings, FlowPlan plan, Map<String, Object> properties) {
            super(PROPERTY_SOURCE, properties);
            this.mappings = mappings;
            this.plan = plan;
        }
    }
}
