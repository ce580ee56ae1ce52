package io.custsync.sandbox.intercom;

import io.custsync.sandbox.common.SandboxRequest;
import io.custsync.sandbox.common.SandboxResponse;
import io.custsync.sandbox.common.SandboxRouter;
import io.custsync.sandbox.common.SandboxServer;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Intercom's public API behind the sandbox's server: every request is counted, then passes the gatekeeper (auth,
 * version, accept, rate limit) before faults; injected failures and errors answer as Intercom's do.
 */
record PublicApi(SandboxRouter routes, Gatekeeper gate, IntercomCounters counters) implements SandboxServer.Api {

    @Override
    public SandboxResponse admit(SandboxRequest req, Map<String, String> head) {
        SandboxRouter.Route route = routes.match(req);
        counters.request(req.method() + " " + (route != null ? route.template() : req.path()), isWrite(req));
        try {
            gate.admit(req, head);
            return null;
        } catch (ApiException e) {
            return e.response();
        }
    }

    @Override
    public SandboxResponse serve(SandboxRequest req) {
        SandboxRouter.Route route = routes.match(req);
        if (route == null) {
            throw ApiException.notFound("not_found", "Resource Not Found");
        }
        return route.handler().handle(req);
    }

    @Override
    public SandboxResponse injected(int status) {
        return (switch (status) {
            case 429 -> new ApiException(429, "rate_limit_exceeded", "Exceeded rate limit (injected fault)");
            case 502 -> new ApiException(502, "server_error", "Bad Gateway");
            case 503 -> new ApiException(503, "server_error", "Service Unavailable");
            case 504 -> new ApiException(504, "server_error", "Gateway Timeout");
            default -> new ApiException(status, "server_error", "Request failed due to an internal error (injected fault)");
        }).response();
    }

    @Override
    public SandboxResponse malformed() {
        return SandboxResponse.of(200, Http.JSON,
                "{\"type\":\"list\",\"data\":[{\"type\":\"contact\",\"id\":}".getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public SandboxResponse failure(SandboxRequest req, RuntimeException e) {
        return (e instanceof ApiException refused ? refused : new ApiException(500, "server_error", "Sandbox failure: " + e)).response();
    }

    @Override
    public void answered(SandboxRequest req, SandboxResponse res, boolean faulted) {
        counters.status(res.status());
    }

    static boolean isWrite(SandboxRequest req) {
        if (req.method().equals("GET")) {
            return false;
        }
        return !(req.method().equals("POST") && (req.path().endsWith("/search") || req.path().equals("/companies/list")));
    }
}
