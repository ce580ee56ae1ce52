package io.custsync.ops.security;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;

/**
 * Intercom's webhook endpoint ({@code POST /webhooks/intercom}) is the one path besides health open without a
 * login: Intercom cannot log in, it signs each notification with the app's client secret instead, and the endpoint
 * checks that signature before anything else (io.custsync.sync.webhooks). So neither the console's login nor its
 * same-origin rules apply to it: a page on another site that posts to it cannot sign, and is refused (401) like any
 * unsigned post. Matched on the parsed request (method and path as the servlet container decoded and normalised
 * them); any other method on that path, or any other path, stays with {@link ConsoleSecurityConfiguration}.
 * Bodies are capped before this chain as everywhere ({@link RequestBodyLimit}), and the endpoint has its own,
 * smaller cap and its own rate limit.
 */
@Configuration(proxyBeanMethods = false)
public class WebhookSecurityConfiguration {

    public static final String INTERCOM_WEBHOOK = "/webhooks/intercom";

    @Bean
    @Order(1)
    SecurityFilterChain webhookSecurity(HttpSecurity http) throws Exception {
        http.securityMatcher(PathPatternRequestMatcher.withDefaults().matcher(HttpMethod.POST, INTERCOM_WEBHOOK))
                .authorizeHttpRequests(auth -> auth.anyRequest().permitAll())
                // The signature authenticates each request; no cookie or browser credential is ever consulted here.
                .csrf(csrf -> csrf.disable())
                .requestCache(cache -> cache.disable())
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS));
        return http.build();
    }
}
