package io.custsync.ops.security;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.util.StringUtils;

/**
 * One login for the console (Hawtio, Jolokia), the actuator and the API; only {@code /actuator/health} is
 * open, so load balancers and orchestrators can probe it. Hawtio's own login is off
 * ({@code hawtio.authenticationEnabled=false}): with it on, Hawtio answers basic-auth clients with its own
 * redirects instead of a 401.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ConsoleProperties.class)
public class ConsoleSecurityConfiguration {

    public static final String ADMIN = "ADMIN";
    public static final String VIEWER = "VIEWER";

    private static final Logger log = LoggerFactory.getLogger(ConsoleSecurityConfiguration.class);

    @Bean
    SecurityFilterChain consoleSecurity(HttpSecurity http) throws Exception {
        http.authorizeHttpRequests(auth -> auth
                        .requestMatchers("/actuator/health", "/actuator/health/**").permitAll()
                        // Reading is for every user; anything that changes state (run now, tokens, replays) is the admin's.
                        .requestMatchers(HttpMethod.GET, "/api/**").hasRole(VIEWER)
                        .requestMatchers("/api/**").hasRole(ADMIN)
                        .anyRequest().hasRole(VIEWER))
                .httpBasic(basic -> basic.realmName("intercom-crm-sync"))
                // Clients authenticate on every request (basic auth); the API and Jolokia take no browser forms.
                .csrf(csrf -> csrf.disable())
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS));
        return http.build();
    }

    @Bean
    PasswordEncoder passwordEncoder() {
        return PasswordEncoderFactories.createDelegatingPasswordEncoder();
    }

    @Bean
    InMemoryUserDetailsManager consoleUsers(ConsoleProperties props, PasswordEncoder encoder) {
        String password = props.getPassword();
        if (!StringUtils.hasText(password)) {
            password = generatePassword();
            // Printed once, on purpose: the operator needs it to log in, and it changes at every start.
            log.warn("\n\n  No CONSOLE_PASSWORD set. Generated console password for user '{}': {}\n"
                    + "  Set CONSOLE_USER / CONSOLE_PASSWORD to choose your own.\n", props.getUser(), password);
        }
        List<UserDetails> users = new ArrayList<>();
        users.add(User.withUsername(props.getUser()).password(encoder.encode(password)).roles(ADMIN, VIEWER).build());
        if (StringUtils.hasText(props.getViewerUser()) && StringUtils.hasText(props.getViewerPassword())) {
            users.add(User.withUsername(props.getViewerUser()).password(encoder.encode(props.getViewerPassword()))
                    .roles(VIEWER).build());
        }
        return new InMemoryUserDetailsManager(users);
    }

    private static String generatePassword() {
        byte[] bytes = new byte[18];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
