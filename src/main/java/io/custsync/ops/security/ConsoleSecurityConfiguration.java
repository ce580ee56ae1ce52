package io.custsync.ops.security;

import jakarta.servlet.DispatcherType;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.session.NullAuthenticatedSessionStrategy;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;
import org.springframework.security.web.csrf.CookieCsrfTokenRepository;
import org.springframework.security.web.csrf.CsrfFilter;
import org.springframework.security.web.csrf.CsrfTokenRequestAttributeHandler;
import org.springframework.util.StringUtils;

/**
 * One login for the console (Hawtio, Jolokia), the actuator and the API; only reading {@code /actuator/health} is
 * open, so load balancers and orchestrators can probe it. Hawtio's own login is off
 * ({@code hawtio.authenticationEnabled=false}): with it on, Hawtio answers basic-auth clients with its own
 * redirects instead of a 401.
 * <p>
 * The rules go by method, for every path (an endpoint added later is covered): reading (GET, HEAD) is the viewer's,
 * any other method is the admin's and needs a same-origin proof ({@link SameOriginProof}). Jolokia is the one
 * exception: it takes its reads as POSTs too, so both roles may POST to it and Jolokia decides on each parsed
 * request what the role may do ({@link JolokiaAccess}). Bodies are capped before all of this ({@link RequestBodyLimit}).
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ConsoleProperties.class)
public class ConsoleSecurityConfiguration {

    public static final String ADMIN = "ADMIN";
    public static final String VIEWER = "VIEWER";

    /** Jolokia's servlet and Hawtio's forward to it. */
    private static final String[] JOLOKIA = {"/actuator/jolokia", "/actuator/jolokia/**", "/actuator/hawtio/jolokia", "/actuator/hawtio/jolokia/**"};
    private static final String[] HEALTH = {"/actuator/health", "/actuator/health/**"};

    private static final Logger log = LoggerFactory.getLogger(ConsoleSecurityConfiguration.class);

    @Bean
    SecurityFilterChain consoleSecurity(HttpSecurity http, ConsoleProperties props) throws Exception {
        CookieCsrfTokenRepository tokens = CookieCsrfTokenRepository.withHttpOnlyFalse();
        tokens.setCookieCustomizer(cookie -> cookie.sameSite("Strict"));
        http.authorizeHttpRequests(auth -> auth
                        // Error pages render the status of a request already decided (never a message or trace).
                        .dispatcherTypeMatchers(DispatcherType.ERROR).permitAll()
                        .requestMatchers(HttpMethod.GET, HEALTH).permitAll()
                        .requestMatchers(HttpMethod.HEAD, HEALTH).permitAll()
                        .requestMatchers(HttpMethod.POST, JOLOKIA).hasRole(VIEWER)
                        .requestMatchers(HttpMethod.GET).hasRole(VIEWER)
                        .requestMatchers(HttpMethod.HEAD).hasRole(VIEWER)
                        .anyRequest().hasRole(ADMIN))
                .httpBasic(basic -> basic.realmName("intercom-crm-sync"))
                // The console's CSRF token lives in a cookie its pages can read (Hawtio sends it back as X-XSRF-TOKEN);
                // the plain handler compares the header with the cookie as they are (no BREACH masking: never in a body).
                .csrf(csrf -> csrf.csrfTokenRepository(tokens)
                        .csrfTokenRequestHandler(new CsrfTokenRequestAttributeHandler())
                        .requireCsrfProtectionMatcher(SameOriginProof.NEEDS_TOKEN)
                        // Basic auth logs in on every request: renewing the token at each login would delete the
                        // cookie the console just read (the token is not tied to a session, there is none).
                        .sessionAuthenticationStrategy(new NullAuthenticatedSessionStrategy()))
                .addFilterAfter(new SameOriginProof(), CsrfFilter.class)
                .addFilterBefore(new LoginThrottle(props.getMaxFailedLogins(), props.getFailedLoginWindow(), Clock.systemUTC()),
                        BasicAuthenticationFilter.class)
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS));
        return http.build();
    }

    /** Before the security chain (and so before the login and anything that reads a body). */
    @Bean
    FilterRegistrationBean<RequestBodyLimit> requestBodyLimit(ConsoleProperties props) {
        FilterRegistrationBean<RequestBodyLimit> registration = new FilterRegistrationBean<>(new RequestBodyLimit(props.getMaxRequestBody()));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
        return registration;
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
            Path file = writeOwnerOnly(props.getGeneratedPasswordFile(), password);
            // Where, never what: logs travel to collectors and screens.
            log.warn("\n\n  No CONSOLE_PASSWORD set. Generated a console password for user '{}' and wrote it to {} "
                    + "(readable by this user only; a new one at each start).\n"
                    + "  Set CONSOLE_USER / CONSOLE_PASSWORD to choose your own.\n", props.getUser(), file);
        }
        List<UserDetails> users = new ArrayList<>();
        users.add(User.withUsername(props.getUser()).password(encoder.encode(password)).roles(ADMIN, VIEWER).build());
        if (StringUtils.hasText(props.getViewerUser()) && StringUtils.hasText(props.getViewerPassword())) {
            users.add(User.withUsername(props.getViewerUser()).password(encoder.encode(props.getViewerPassword()))
                    .roles(VIEWER).build());
        }
        return new InMemoryUserDetailsManager(users);
    }

    private static Path writeOwnerOnly(Path file, String secret) {
        Path target = file.toAbsolutePath().normalize();
        Path tmp = target.resolveSibling(target.getFileName() + ".tmp");
        try {
            Files.createDirectories(target.getParent());
            Files.deleteIfExists(tmp);
            try {
                Files.createFile(tmp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            } catch (UnsupportedOperationException e) {
                Files.createFile(tmp);
                tmp.toFile().setReadable(false, false);
                tmp.toFile().setReadable(true, true);
            }
            Files.writeString(tmp, secret + "\n", StandardCharsets.UTF_8);
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the generated console password to " + target
                    + " (set CONSOLE_PASSWORD, or sync.console.generated-password-file)", e);
        }
    }

    private static String generatePassword() {
        byte[] bytes = new byte[18];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
