package io.custsync.sandbox.launch;

import io.custsync.connect.SandboxLauncher;
import io.custsync.sandbox.intercom.IntercomSandbox;
import io.custsync.sandbox.salesforce.SalesforceSandbox;
import io.custsync.sandbox.salesforce.SalesforceSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.SecureRandom;
import java.util.HexFormat;

/** The product's {@link SandboxLauncher}: the two simulators, each on a free port of 127.0.0.1. */
final class InProcessSandboxes implements SandboxLauncher {

    @Override
    public RunningIntercom startIntercom(IntercomWorkspace w) {
        // A token of its own: nothing else on the host can call the workspace with a well-known one.
        String token = "sandbox-" + HexFormat.of().formatHex(new SecureRandom().generateSeed(12));
        IntercomSandbox sandbox = IntercomSandbox.builder().seed(w.seed()).companies(w.companies()).contacts(w.contacts())
                .conversations(w.conversations()).tickets(w.tickets()).rateLimitPer10s(w.rateLimitPer10s())
                .scrollExpirySeconds(w.scrollExpirySeconds()).token(token).port(0).build().start();
        return new RunningIntercom(sandbox.baseUrl(), token, sandbox);
    }

    @Override
    public RunningSalesforce startSalesforce(SalesforceOrg org) {
        try {
            SalesforceSandbox sandbox = new SalesforceSandbox(new SalesforceSettings().seed(org.seed()).users(org.users())
                    .accounts(org.accounts()).contacts(org.contacts()).queryBatchSize(org.queryBatchSize()).port(0)).start();
            SalesforceSettings s = sandbox.settings();
            return new RunningSalesforce(sandbox.baseUrl(), s.clientId(), s.clientSecret(), s.refreshToken(), sandbox);
        } catch (IOException e) {
            throw new UncheckedIOException("the Salesforce sandbox could not start", e);
        }
    }
}
