package io.custsync.mapping;

import io.custsync.mapping.MappingsEnvironmentPostProcessor.MappingsPropertySource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.ConfigurableEnvironment;

@Configuration(proxyBeanMethods = false)
public class MappingsConfiguration {

    /** The mappings read at start-up by {@link MappingsEnvironmentPostProcessor}, not read a second time. */
    @Bean
    Mappings mappings(ConfigurableEnvironment environment) {
        if (environment.getPropertySources().get(MappingsEnvironmentPostProcessor.PROPERTY_SOURCE) instanceof MappingsPropertySource source) {
            return source.mappings();
        }
        throw new IllegalStateException("mappings were not loaded at start-up");
    }
}
