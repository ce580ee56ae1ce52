package io.custsync.salesforce;

import io.custsync.sync.Flow;
import io.custsync.mapping.Mappings;
import io.custsync.connect.NoSandboxException;
import io.custsync.connect.SandboxLauncher;
import java.util.Arrays;
import org.apache.camel.component.salesforce.SalesforceComponent;
import org.apache.camel.spi.ComponentCustomizer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.util.StringUtils;

/**
 * Decides which Salesforce org camel-salesforce logs in to: the one of {@code SALESFORCE_*}
 * ({@code camel.component.salesforce.*}), or with no credentials the in-process sandbox ({@link SandboxLauncher}),
 * or, when no Salesforce mode is enabled, none at all. Login is always lazy: a wrong credential fails a flow's run
 * (and shows in health), never the start-up of the whole service.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(SalesforceProperties.class)
public class SalesforceConfiguration {

    private static final Logger log = LoggerFactory.getLogger(SalesforceConfiguration.class);
    private static final String PREFIX = "camel.component.salesforce.";
    /** Placeholders that satisfy camel-salesforce's start-up check; with every route stopped nothing uses them. */
    private static final String UNUSED = "not-configured";

    @Bean(destroyMethod = "close")
    SalesforceConnection salesforceConnection(Mappings mappings, SalesforceProperties properties, Environment env,
                                              ObjectProvider<SandboxLauncher> launcher) {
        boolean used = Arrays.stream(Flow.values()).filter(f -> f.system().equals("salesforce")).anyMatch(f -> f.enabledBy(mappings));
        if (!used) {
            log.info("Salesforce: not configured (no Salesforce mode is enabled in {}); nothing logs in", mappings.file());
            return new SalesforceConnection(SalesforceConnection.Kind.NOT_CONFIGURED, null, null);
        }
        if (StringUtils.hasText(env.getProperty(PREFIX + "client-id"))) {
            String loginUrl = env.getProperty(PREFIX + "login-url", "https://login.salesforce.com");
            log.info("Salesforce: {} (login on first use)", loginUrl);
            return new SalesforceConnection(SalesforceConnection.Kind.ORG, loginUrl, null);
        }
        SandboxLauncher sandboxes = launcher.getIfAvailable();
        if (sandboxes == null) {
            throw new NoSandboxException("Salesforce", "SALESFORCE_LOGIN_URL, SALESFORCE_CLIENT_ID, SALESFORCE_CLIENT_SECRET and "
                    + "SALESFORCE_REFRESH_TOKEN (or SALESFORCE_USERNAME / SALESFORCE_PASSWORD)",
                    "disable the Salesforce modes in " + mappings.file());
        }
        SalesforceProperties.Sandbox s = properties.getSandbox();
        SandboxLauncher.RunningSalesforce sandbox = sandboxes.startSalesforce(new SandboxLauncher.SalesforceOrg(s.getSeed(),
                s.getUsers(), s.getAccounts(), s.getContacts(), s.getQueryBatchSize()));
        log.warn("No SALESFORCE_CLIENT_ID set: using the in-process Salesforce sandbox at {} (seeded: {} accounts, {} contacts). "
                + "Set SALESFORCE_CLIENT_ID, SALESFORCE_CLIENT_SECRET and SALESFORCE_REFRESH_TOKEN to sync a real org.",
                sandbox.loginUrl(), s.getAccounts(), s.getContacts());
        return new SalesforceConnection(SalesforceConnection.Kind.SANDBOX, sandbox.loginUrl(), sandbox);
    }

    /**
     * Runs after the starter has copied {@code camel.component.salesforce.*} onto the component: points it
     * at the sandbox when that is in use, and turns blank settings (unset variables) into absent ones so
     * camel-salesforce picks the login flow from what is really set.
     */
    @Bean
    ComponentCustomizer salesforceComponentCustomizer(SalesforceConnection connection) {
        return ComponentCustomizer.builder(SalesforceComponent.class).withOrder(ComponentCustomizer.LOWEST).build(sf -> {
            sf.setLazyLogin(true);
            switch (connection.kind()) {
                case SANDBOX -> {
                    SandboxLauncher.RunningSalesforce s = connection.sandbox();
                    sf.setLoginUrl(connection.loginUrl());
                    sf.setClientId(s.clientId());
                    sf.setClientSecret(s.clientSecret());
                    sf.setRefreshToken(s.refreshToken());
                    sf.setUserName(null);
                    sf.setPassword(null);
                }
                case NOT_CONFIGURED -> {
                    sf.setClientId(UNUSED);
                    sf.setClientSecret(UNUSED);
                    sf.setRefreshToken(UNUSED);
                    sf.setUserName(null);
                    sf.setPassword(null);
                }
                case ORG -> {
                    sf.setClientSecret(blankToNull(sf.getClientSecret()));
                    sf.setRefreshToken(blankToNull(sf.getRefreshToken()));
                    sf.setUserName(blankToNull(sf.getUserName()));
                    sf.setPassword(blankToNull(sf.getPassword()));
                }
            }
        });
    }

    private static String blankToNull(String s) {
        return StringUtils.hasText(s) ? s : null;
    }
}
