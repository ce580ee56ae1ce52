package io.custsync.ops;

import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.ViewControllerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/** The status page is the service's home page. */
@Configuration(proxyBeanMethods = false)
public class StatusPageConfiguration implements WebMvcConfigurer {

    @Override
    public void addViewControllers(ViewControllerRegistry registry) {
        registry.addRedirectViewController("/", "/status.html");
        registry.addRedirectViewController("/status", "/status.html");
    }
}
