package io.custsync.mapping;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Reads the mappings file as soon as the configuration is known, before any bean or route exists, so a bad
 * file stops start-up at once, and publishes {@code sync.flows.<flow>.enabled} for the routes'
 * {@code autoStartup}: a flow whose mode excludes it is loaded but not started, and shows as stopped.
 */
public class MappingsEnvironmentPostProcessor implements EnvironmentPostProcessor, Ordered {

    public static final String PROPERTY_SOURCE = "sync-mappings";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        String file = environment.getProperty("sync.mappings", "config/mappings.yaml");
        Mappings mappings = Mappings.load(Path.of(file));
        Map<String, Object> properties = new LinkedHashMap<>();
        for (Flow flow : Flow.values()) {
            properties.put("sync.flows." + flow.id() + ".enabled", mappings.enabled(flow));
            properties.put("sync.flows." + flow.id() + ".mode", mappings.mode(flow.object(), flow.system()).word());
        }
        environment.getPropertySources().addLast(new MappingsPropertySource(mappings, properties));
    }

    @Override
    public int getOrder() {
        // After Spring Boot has read application.yaml and the environment, which may move the file.
        return Ordered.LOWEST_PRECEDENCE;
    }

    /** The published flags, carrying the parsed mappings for {@link MappingsConfiguration}. */
    static final class MappingsPropertySource extends MapPropertySource {
        private final Mappings mappings;

        MappingsPropertySource(Mappings mappings, Map<String, Object> properties) {
            super(PROPERTY_SOURCE, properties);
            this.mappings = mappings;
        }

        Mappings mappings() {
            return mappings;
        }
    }
}
