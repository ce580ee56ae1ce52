package io.custsync.sandbox.salesforce;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The JDK HTTP server in front of the sandbox: control API first, then injected faults, then the
 * Salesforce API. Unexpected failures answer 500 UNKNOWN_EXCEPTION, the shape Salesforce uses.
 */
final class SandboxHttpServer {

    private static final Logger LOG = Logger.getLogger(SandboxHttpServer.class.getName());

    private final RestApi api;
    private final ControlApi control;
    private final Faults faults;
    private final Counters counters;
    private HttpServer server;
    private ExecutorService executor;

    SandboxHttpServer(RestApi api, ControlApi control, Faults faults, Counters counters) {
        this.api = api;
        this.control = control;
        this.faults = faults;
        this.counters = counters;
    }

    InetSocketAddress start(String host, int port) throws IOException {
        server = HttpServer.create(new InetSocketAddress(host, port), 64);
        executor = Executors.newFixedThreadPool(16, r -> {
            Thread t = new Thread(r, "salesforce-sandbox-http");
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
        return server.getAddress();
    }

    void stop() {
        if (server != null) {
            server.stop(0);
            executor.shutdownNow();
            try {
                executor.awaitTermination(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
                body = in.readAllBytes();
            }
            HttpReq req = new HttpReq(exchange.getRequestMethod().toUpperCase(java.util.Locale.ROOT),
                    exchange.getRequestURI().getRawPath(), exchange.getRequestURI().getRawQuery(),
                    exchange.getRequestHeaders(), body);
            HttpResp resp = dispatch(req);
            if (resp.abort) {
                // Closing without a response makes the JDK server drop the connection.
                return;
            }
            resp.headers.forEach((k, v) -> exchange.getResponseHeaders().set(k, v));
            boolean noBody = resp.body.length == 0 || req.method.equals("HEAD");
            exchange.sendResponseHeaders(resp.status, noBody ? -1 : resp.body.length);
            if (!noBody) {
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(resp.body);
                }
            }
        }
    }

    private HttpResp dispatch(HttpReq req) {
        try {
            if (!req.segments.isEmpty() && req.segments.get(0).equals("_sandbox")) {
                return control.handle(req);
            }
            Faults.Rule fault = faults.apply(req.method, req.path);
            if (fault != null) {
                counters.event("fault");
                return faultResponse(fault);
            }
            return api.handle(req);
        } catch (ApiError e) {
            return HttpResp.error(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return HttpResp.abort();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "sandbox failed on " + req.method + " " + req.path, e);
            return HttpResp.json(500, new ApiError(500, "UNKNOWN_EXCEPTION", "An unexpected error occurred."
                    + " Please include this ErrorId if you contact support: " + e.getClass().getSimpleName()).body());
        }
    }

    private static HttpResp faultResponse(Faults.Rule fault) {
        return switch (fault.kind()) {
            case CONNECTION_RESET -> HttpResp.abort();
            case MALFORMED_JSON -> HttpResp.raw(200, HttpResp.JSON,
                    "{\"totalSize\":1,\"done\":true,\"records\":[{\"attributes\":{\"type\":\"Acc");
            default -> {
                int status = fault.status();
                ApiError e = switch (status) {
                    case 500 -> new ApiError(500, "UNKNOWN_EXCEPTION", "An unexpected error occurred. Please include"
                            + " this ErrorId if you contact support: 1130129471-42 (-1318406537)");
                    case 503 -> new ApiError(503, "SERVER_UNAVAILABLE",
                            "Server is temporarily unavailable. Please try again later.");
                    default -> new ApiError(status, "UNKNOWN_EXCEPTION", "Injected fault " + status);
                };
                yield HttpResp.json(status, e.body());
            }
        };
    }
}
