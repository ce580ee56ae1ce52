package io.custsync.ops;

import io.custsync.ops.security.ConsoleJolokiaServlet;
import io.custsync.ops.security.JolokiaAccess;
import org.springframework.boot.web.servlet.ServletRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Serves Jolokia (the JMX-over-HTTP bridge the Hawtio console talks to) at {@code /actuator/jolokia}, where
 * Hawtio forwards {@code /actuator/hawtio/jolokia}. Jolokia's own Spring Boot endpoint is only published for
 * Spring Boot 4, so the agent servlet is registered directly. The login comes first (the security chain); what
 * each role may then do is decided inside Jolokia, on the parsed request ({@link JolokiaAccess}).
 */
@Configuration(proxyBeanMethods = false)
public class ConsoleConfiguration {

    @Bean
    ServletRegistrationBean<ConsoleJolokiaServlet> jolokiaServlet() {
        ServletRegistrationBean<ConsoleJolokiaServlet> registration =
                new ServletRegistrationBean<>(new ConsoleJolokiaServlet(new JolokiaAccess()), "/actuator/jolokia/*");
        registration.setName("jolokia");
        registration.setLoadOnStartup(1);
        // No stack traces or debug output to clients; discovery multicast stays off on shared networks.
        registration.addInitParameter("includeStackTrace", "false");
        registration.addInitParameter("debug", "false");
        registration.addInitParameter("discoveryEnabled", "false");
        return registration;
    }
}
