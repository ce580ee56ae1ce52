package io.custsync.sandbox.salesforce;

import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** A fresh sandbox per test on a frozen clock, with a logged-in HTTP client: the set-up of the endpoint tests. */
abstract class LoggedInSandboxTest {

    protected final SalesforceSettings settings = new SalesforceSettings()
            .clockStart(Instant.parse("2025-01-01T00:00:00Z")).clockFrozen(true);
    protected SalesforceSandbox sandbox;
    protected SandboxHttp http;

    @BeforeEach
    void startLoggedIn() throws Exception {
        sandbox = new SalesforceSandbox(settings).start();
        http = new SandboxHttp(sandbox).login(settings);
    }

    @AfterEach
    void stopSandbox() {
        sandbox.close();
    }
}
