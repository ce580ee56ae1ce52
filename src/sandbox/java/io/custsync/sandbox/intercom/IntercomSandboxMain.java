package io.custsync.sandbox.intercom;

import io.custsync.sandbox.common.Standalone;
import java.util.Map;

/**
 * Standalone sandbox for benchmarks and curl. Options as {@code --key=value} or system properties
 * {@code -Dintercom.sandbox.key=value}: port (8089), bind (127.0.0.1), seed (42), contacts, companies, conversations, tickets, admins,
 * rate-limit (per 10 s; 0 = off), token (sandbox-token), timezone (America/New_York), scroll-expiry (60),
 * search-lag (0 seconds before search sees a change of a contact, conversation or ticket).
 */
public final class IntercomSandboxMain {
    private IntercomSandboxMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        Map<String, String> o = Standalone.options(args, "intercom.sandbox.");
        IntercomSandbox.Builder b = IntercomSandbox.builder().port(Integer.parseInt(o.getOrDefault("port", "8089")));
        if (o.containsKey("bind")) b.bindAddress(o.get("bind"));
        if (o.containsKey("seed")) b.seed(Long.parseLong(o.get("seed")));
        if (o.containsKey("contacts")) b.contacts(Long.parseLong(o.get("contacts")));
        if (o.containsKey("companies")) b.companies(Long.parseLong(o.get("companies")));
        if (o.containsKey("conversations")) b.conversations(Long.parseLong(o.get("conversations")));
        if (o.containsKey("tickets")) b.tickets(Long.parseLong(o.get("tickets")));
        if (o.containsKey("admins")) b.admins(Integer.parseInt(o.get("admins")));
        if (o.containsKey("rate-limit")) b.rateLimitPer10s(Integer.parseInt(o.get("rate-limit")));
        if (o.containsKey("token")) b.token(o.get("token"));
        if (o.containsKey("timezone")) b.timezone(o.get("timezone"));
        if (o.containsKey("search-lag")) b.searchLagSeconds(Long.parseLong(o.get("search-lag")));
        if (o.containsKey("scroll-expiry")) b.scrollExpirySeconds(Long.parseLong(o.get("scroll-expiry")));
        IntercomSandbox sandbox = b.build().start();
        IntercomSettings s = sandbox.settings();
        System.out.printf("Intercom sandbox on %s (seed %d, %d contacts, %d companies, %d conversations, %d tickets,"
                + " rate limit %s, token %s)%n", sandbox.baseUrl(), s.seed, s.contacts, s.companies, s.conversations,
                s.tickets, s.rateLimitPer10s > 0 ? s.rateLimitPer10s + " per 10 s" : "off", s.tokens.get(0));
        Standalone.serveUntilStopped(sandbox);
    }
}
