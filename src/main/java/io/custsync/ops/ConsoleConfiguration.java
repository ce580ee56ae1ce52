package io.custsync.ops;

import org.jolokia.server.core.http.AgentServlet;
import org.springframework.boot.web.servlet.ServletRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Serves Jolokia (the JMX-over-HTTP bridge the Hawtio console talks to) at {@code /actuator/jolokia}, where
 * Hawtio forwards {@code /actuator/hawtio/jolokia}. Jolokia's own Spring Boot endpoint is only published for
 * Spring Boot 4, so the agent servlet is registered directly; the security chain guards it like the actuator.
 */
@Configuration(proxyBeanMethods = false)
public class ConsoleConfiguration {

    @Bean
    ServletRegistrationBean<AgentServlet> jolokiaServlet() {
        ServletRegistrationBean<AgentServlet> registration =
                new ServletRegistrationBean<>(new AgentServlet(), "/actuator/jolokia/*");
        registration.setName("jolokia");
        registration.setLoadOnStartup(1);
        // No stack traces or debug output to clients; discovery multicast stays off on shared networks.
        registration.addInitParameter("includeStackTrace", "false");
        registration.addInitParameter("debug", "false");
        registration.addInitParameter("discoveryEnabled", "false");
        return registration;
    }
}
