package io.custsync.ops.security;

import org.springframework.boot.context.properties.ConfigurationProperties;
import java.nio.file.Path;
import java.time.Duration;
import org.springframework.util.unit.DataSize;

/**
 * {@code sync.console.*}: who may log in to the console and the API. The admin (CONSOLE_USER /
 * CONSOLE_PASSWORD) may change state; the optional viewer only reads.
 */
@ConfigurationProperties("sync.console")
public class ConsoleProperties {

    private String user = "admin";
    /** Empty: a random password is generated at each start and written to {@link #generatedPasswordFile}. */
    private String password = "";
    private String viewerUser = "";
    private String viewerPassword = "";
    /** Largest request body accepted, on any path (413 above it). */
    private DataSize maxRequestBody = DataSize.ofMegabytes(1);
    /** Where a generated admin password is written (readable by the service's user only). */
    private Path generatedPasswordFile = Path.of("data/console-password");
    /** Failed logins from one client address within the window before its logins are refused with 429. */
    private int maxFailedLogins = 10;
    private Duration failedLoginWindow = Duration.ofMinutes(1);

    public String getUser() { return user; }
    public void setUser(String user) { this.user = user; }
    public String getPassword() { return password; }
    public void setPassword(String password) { this.password = password; }
    public String getViewerUser() { return viewerUser; }
    public void setViewerUser(String viewerUser) { this.viewerUser = viewerUser; }
    public String getViewerPassword() { return viewerPassword; }
    public void setViewerPassword(String viewerPassword) { this.viewerPassword = viewerPassword; }
    public DataSize getMaxRequestBody() { return maxRequestBody; }
    public void setMaxRequestBody(DataSize maxRequestBody) { this.maxRequestBody = maxRequestBody; }
    public Path getGeneratedPasswordFile() { return generatedPasswordFile; }
    public void setGeneratedPasswordFile(Path generatedPasswordFile) { this.generatedPasswordFile = generatedPasswordFile; }
    public int getMaxFailedLogins() { return maxFailedLogins; }
    public void setMaxFailedLogins(int maxFailedLogins) { this.maxFailedLogins = maxFailedLogins; }
    public Duration getFailedLoginWindow() { return failedLoginWindow; }
    public void setFailedLoginWindow(Duration failedLoginWindow) { this.failedLoginWindow = failedLoginWindow; }
}
