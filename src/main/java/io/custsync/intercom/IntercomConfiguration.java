package io.custsync.intercom;

import io.custsync.connect.NoSandboxException;
import io.custsync.connect.SandboxLauncher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.util.StringUtils;

/**
 * Decides which Intercom this service talks to: the workspace of INTERCOM_ACCESS_TOKEN (at the region's
 * host or INTERCOM_BASE_URL), or, with no token, the in-process sandbox ({@link SandboxLauncher}), reached over
 * HTTP exactly like the real service.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(IntercomProperties.class)
public class IntercomConfiguration {

    private static final Logger log = LoggerFactory.getLogger(IntercomConfiguration.class);

    @Bean(destroyMethod = "close")
    IntercomConnection intercomConnection(IntercomProperties properties, ConfigurableEnvironment environment,
                                          ObjectProvider<SandboxLauncher> launcher) {
        if (!StringUtils.hasText(properties.getAccessToken()) && StringUtils.hasText(properties.getBaseUrl())) {
            // A base URL means a real Intercom, a proxy or a standalone sandbox: all of them want a token.
            throw new IllegalArgumentException("sync.intercom.base-url (INTERCOM_BASE_URL) is set to " + properties.getBaseUrl()
                    + " but sync.intercom.access-token (INTERCOM_ACCESS_TOKEN) is not: set the token, or unset the URL to use the in-process sandbox");
        }
        if (!StringUtils.hasText(properties.getAccessToken())) {
            SandboxLauncher sandboxes = launcher.getIfAvailable();
            if (sandboxes == null) {
                throw new NoSandboxException("Intercom", "INTERCOM_ACCESS_TOKEN (and INTERCOM_REGION or INTERCOM_BASE_URL)", null);
            }
            IntercomProperties.Sandbox s = properties.getSandbox();
            SandboxLauncher.RunningIntercom sandbox = sandboxes.startIntercom(new SandboxLauncher.IntercomWorkspace(s.getSeed(),
                    s.getCompanies(), s.getContacts(), s.getConversations(), s.getTickets(), s.getRateLimitPer10s(),
                    s.getScrollExpirySeconds()));
            log.warn("No INTERCOM_ACCESS_TOKEN set: using the in-process Intercom sandbox at {} (seeded: {} companies, "
                    + "{} contacts, {} conversations, {} tickets). Set INTERCOM_ACCESS_TOKEN to sync a real workspace.",
                    sandbox.apiUrl(), s.getCompanies(), s.getContacts(), s.getConversations(), s.getTickets());
            return new IntercomConnection(sandbox.apiUrl(), sandbox.accessToken(), sandbox.simulator(), environment);
        }
        String apiUrl = StringUtils.hasText(properties.getBaseUrl()) ? properties.getBaseUrl().trim()
                : IntercomRegion.of(properties.getRegion()).baseUrl();
        log.info("Intercom: {} (API version {})", apiUrl, IntercomConnection.API_VERSION);
        return new IntercomConnection(apiUrl, properties.getAccessToken().trim(), null, environment);
    }
}
