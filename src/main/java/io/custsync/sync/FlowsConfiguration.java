package io.custsync.sync;

import io.custsync.mapping.Mappings;
import io.custsync.sync.FlowsEnvironmentPostProcessor.FlowsPropertySource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.ConfigurableEnvironment;

/** The mappings and the flow plan read at start-up by {@link FlowsEnvironmentPostProcessor}, not read a second time. */
@Configuration(proxyBeanMethods = false)
public class FlowsConfiguration {

    @Bean
    Mappings mappings(ConfigurableEnvironment environment) {
        return loaded(environment).mappings;
    }

    @Bean
    FlowPlan flowPlan(ConfigurableEnvironment environment) {
        return loaded(environment).plan;
    }

    private static FlowsPropertySource loaded(ConfigurableEnvironment environment) {
        if (environment.getPropertySources().get(FlowsEnvironmentPostProcessor.PROPERTY_SOURCE) instanceof FlowsPropertySource source) {
            return source;
        }
        throw new IllegalStateException("mappings and flows were not loaded at start-up");
    }
}
