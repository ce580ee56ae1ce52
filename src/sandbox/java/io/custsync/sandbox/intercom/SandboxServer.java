package io.custsync.sandbox.intercom;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * The HTTP front: JDK HttpServer with a small pool. Order per request: control API (/_sandbox, never counted or
 * limited) → count → gatekeeper (auth, version, accept, rate limit) → faults → route → write (faults may mangle the
 * body or drop the connection).
 */
final class SandboxServer {
    static {
        // The JDK server writes status line/headers and body as separate TCP segments; with Nagle on, every response
        // then waits for the client's delayed ACK (~40 ms). The property is read once, when the server classes load,
        // and only affects com.sun.net.httpserver servers; an explicit setting by the application wins.
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
    }

    private final HttpServer server;
    private final ExecutorService pool;
    private final Http.Router api;
    private final Http.Router control;
    private final Gatekeeper gate;
    private final Faults faults;
    private final Counters counters;

    SandboxServer(String host, int port, int threads, Http.Router api, Http.Router control, Gatekeeper gate, Faults faults,
            Counters counters) throws IOException {
        this.api = api;
        this.control = control;
        this.gate = gate;
        this.faults = faults;
        this.counters = counters;
        this.server = HttpServer.create(new InetSocketAddress(host, port), 128);
        this.pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "intercom-sandbox-http");
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(pool);
        server.createContext("/", this::handle);
    }

    void start() {
        server.start();
    }

    int port() {
        return server.getAddress().getPort();
    }

    void stop() {
        server.stop(0);
        pool.shutdownNow();
        try {
            pool.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void handle(HttpExchange ex) throws IOException {
        try (InputStream in = ex.getRequestBody()) {
            byte[] body = in.readAllBytes();
            Http.Request req = new Http.Request(ex.getRequestMethod(), ex.getRequestURI().getRawPath(),
                    ex.getRequestURI().getRawQuery(), ex.getRequestHeaders(), body);
            if (req.path.startsWith("/_sandbox/")) {
                write(ex, dispatch(control, req, null), null);
                return;
            }
            Http.Response head = new Http.Response();
            Http.Match m = api.match(req.method, req.path);
            String key = m != null ? req.method + " " + m.route().template() : req.method + " " + req.path;
            counters.request(key, isWrite(req));
            Http.Response res;
            List<Faults.Rule> fired = List.of();
            try {
                gate.admit(req, head);
                fired = faults.fire(req.method, req.path);
                for (Faults.Rule r : fired) {
                    if (r.kind == Faults.Kind.LATENCY) {
                        Thread.sleep(r.latencyMs);
                    } else if (r.kind == Faults.Kind.RESET) {
                        counters.status(0);
                        ex.close(); // no status line: the client sees the connection drop
                        return;
                    } else if (r.kind == Faults.Kind.STATUS) {
                        throw injected(r.status);
                    } else if (r.kind == Faults.Kind.ACTION) {
                        r.action.run();
                    }
                }
                res = dispatch(api, req, m);
            } catch (ApiException e) {
                res = error(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                res = error(new ApiException(500, "server_error", "Interrupted"));
            }
            head.headers.forEach(res.headers::putIfAbsent);
            for (Faults.Rule r : fired) {
                if (r.rateLimitReset != null) {
                    res.headers.put("X-RateLimit-Reset", Long.toString(r.rateLimitReset));
                }
            }
            counters.status(res.status);
            write(ex, res, fired);
        } catch (RuntimeException e) {
            write(ex, error(new ApiException(500, "server_error", "Sandbox failure: " + e)), null);
        }
    }

    private static ApiException injected(int status) {
        return switch (status) {
            case 429 -> new ApiException(429, "rate_limit_exceeded", "Exceeded rate limit (injected fault)");
            case 502 -> new ApiException(502, "server_error", "Bad Gateway");
            case 503 -> new ApiException(503, "server_error", "Service Unavailable");
            case 504 -> new ApiException(504, "server_error", "Gateway Timeout");
            default -> new ApiException(status, "server_error", "Request failed due to an internal error (injected fault)");
        };
    }

    private static boolean isWrite(Http.Request req) {
        if (req.method.equals("GET")) {
            return false;
        }
        return !(req.method.equals("POST") && (req.path.endsWith("/search") || req.path.equals("/companies/list")));
    }

    private Http.Response dispatch(Http.Router router, Http.Request req, Http.Match known) {
        try {
            Http.Match m = known != null ? known : router.match(req.method, req.path);
            if (m == null) {
                throw ApiException.notFound("not_found", "Resource Not Found");
            }
            req.params = m.params();
            return m.route().handler().handle(req);
        } catch (ApiException e) {
            return error(e);
        }
    }

    static Http.Response error(ApiException e) {
        ObjectNode n = Views.obj();
        n.put("type", "error.list");
        n.put("request_id", UUID.randomUUID().toString());
        ObjectNode err = n.putArray("errors").addObject();
        err.put("code", e.code);
        err.put("message", e.getMessage());
        if (e.field != null) {
            err.put("field", e.field);
        }
        Http.Response r = Http.Response.json(e.status, n);
        r.headers.putAll(e.headers);
        return r;
    }

    private static void write(HttpExchange ex, Http.Response res, List<Faults.Rule> fired) throws IOException {
        byte[] bytes = res.bytes();
        if (fired != null) {
            for (Faults.Rule r : fired) {
                if (r.kind == Faults.Kind.TRUNCATE) {
                    bytes = Arrays.copyOf(bytes, Math.max(1, bytes.length / 2));
                } else if (r.kind == Faults.Kind.MALFORMED) {
                    bytes = "{\"type\":\"list\",\"data\":[{\"type\":\"contact\",\"id\":}".getBytes(StandardCharsets.UTF_8);
                }
            }
        }
        res.headers.forEach((k, v) -> ex.getResponseHeaders().set(k, v));
        ex.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
        ex.sendResponseHeaders(res.status, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            try (OutputStream out = ex.getResponseBody()) {
                out.write(bytes);
            }
        }
        ex.close();
    }
}
