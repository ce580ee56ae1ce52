package io.custsync.sync.webhooks;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/** {@code sync.webhooks.intercom.*}: Intercom's webhook endpoint and the drain that fetches what it names (README: "Near real time"). */
@ConfigurationProperties(prefix = "sync.webhooks.intercom")
public class WebhookProperties {

    /** The Intercom app's client secret (INTERCOM_CLIENT_SECRET): the key of the signatures. Empty: the endpoint answers 503. */
    private String clientSecret = "";
    /** Bodies over this are refused (413) before their signature is checked; the service-wide cap is larger. */
    private DataSize maxBody = DataSize.ofKilobytes(256);
    /** Notifications accepted per second on average, and in a burst, before the endpoint answers 429. */
    private int ratePerSecond = 100;
    private int burst = 1000;
    /** Notifications claimed per drain. */
    private int batchSize = 50;
    /** How long a drain holds its claim: after that (a node died mid-fetch) another drain takes them. */
    private Duration claim = Duration.ofMinutes(5);
    /** Between two looks at the inbox when nothing has arrived (other nodes' notifications, retries). */
    private Duration sweepInterval = Duration.ofSeconds(5);
    /** Attempts per notification before it is given up (its record kept as a dead letter); the wait doubles each time. */
    private int maxAttempts = 5;
    private Duration retryDelay = Duration.ofSeconds(10);

    public String getClientSecret() { return clientSecret; }
    public void setClientSecret(String clientSecret) { this.clientSecret = clientSecret == null ? "" : clientSecret.trim(); }
    public DataSize getMaxBody() { return maxBody; }
    public void setMaxBody(DataSize maxBody) { this.maxBody = maxBody; }
    public int getRatePerSecond() { return ratePerSecond; }
    public void setRatePerSecond(int ratePerSecond) { this.ratePerSecond = ratePerSecond; }
    public int getBurst() { return burst; }
    public void setBurst(int burst) { this.burst = burst; }
    public int getBatchSize() { return batchSize; }
    public void setBatchSize(int batchSize) { this.batchSize = batchSize; }
    public Duration getClaim() { return claim; }
    public void setClaim(Duration claim) { this.claim = claim; }
    public Duration getSweepInterval() { return sweepInterval; }
    public void setSweepInterval(Duration sweepInterval) { this.sweepInterval = sweepInterval; }
    public int getMaxAttempts() { return maxAttempts; }
    public void setMaxAttempts(int maxAttempts) { this.maxAttempts = maxAttempts; }
    public Duration getRetryDelay() { return retryDelay; }
    public void setRetryDelay(Duration retryDelay) { this.retryDelay = retryDelay; }

    public boolean isConfigured() {
        return !clientSecret.isEmpty();
    }

    /** Never the secret: properties end up in logs and actuator output. */
    @Override
    public String toString() {
        return "WebhookProperties[clientSecret=" + (isConfigured() ? "(set)" : "(unset)") + ", maxBody=" + maxBody + "]";
    }
}
