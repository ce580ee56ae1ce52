package io.custsync.ops.security;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * {@code sync.console.*}: who may log in to the console and the API. The admin (CONSOLE_USER /
 * CONSOLE_PASSWORD) may change state; the optional viewer only reads.
 */
@ConfigurationProperties("sync.console")
public class ConsoleProperties {

    private String user = "admin";
    /** Empty: a random password is generated and printed once at start-up. */
    private String password = "";
    private String viewerUser = "";
    private String viewerPassword = "";
    /** Largest request body accepted, on any path (413 above it). */
    private DataSize maxRequestBody = DataSize.ofMegabytes(1);

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
}
