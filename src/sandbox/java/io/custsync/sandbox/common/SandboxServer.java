package io.custsync.sandbox.common;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * The HTTP front of a simulator: a JDK HttpServer with a small pool. Order per request: control API (under
 * {@code /_sandbox}: never checked, counted or faulted) → the simulator's own checks ({@link Api#admit}) → injected
 * faults ({@link Faults}, in the order they were added: delays and actions, up to the first that answers instead of
 * the API) → the API → what the faults do to its answer (headers, a cut body).
 */
public final class SandboxServer implements AutoCloseable {

    static {
        // The JDK server writes status line/headers and body as separate TCP segments; with Nagle on, every response
        // then waits for the client's delayed ACK (~40 ms). The property is read once, when the server classes load,
        // and only affects com.sun.net.httpserver servers; an explicit setting by the application wins.
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
    }

    /** What one simulator brings to the server: its API, and how it answers what the server decides for it. */
    public interface Api {

        /**
         * Checks made before faults (authentication, rate limit, …): an answer refuses the request, null lets it on.
         * Headers put in {@code head} go on whatever the request is answered with.
         */
        default SandboxResponse admit(SandboxRequest req, Map<String, String> head) {
            return null;
        }

        SandboxResponse serve(SandboxRequest req);

        /** The service's error answer for an injected status. */
        SandboxResponse injected(int status);

        /** A 200 whose JSON body breaks off, shaped like the start of one of the service's answers. */
        SandboxResponse malformed();

        /** The answer to an unexpected failure (or to an error the API throws instead of answering). */
        SandboxResponse failure(SandboxRequest req, RuntimeException e);

        /** Told of every API request once answered ({@code faulted}: a fault answered it, or changed its answer). */
        default void answered(SandboxRequest req, SandboxResponse res, boolean faulted) {
        }
    }

    private final HttpServer server;
    private final ExecutorService pool;
    private final Api api;
    private final SandboxRouter control;
    private final Faults faults;

    /** @param name names the pool's threads, e.g. "intercom-sandbox-http" */
    public SandboxServer(String name, String host, int port, int threads, Api api, SandboxRouter control, Faults faults)
            throws IOException {
        this.api = api;
        this.control = control;
        this.faults = faults;
        this.server = HttpServer.create(new InetSocketAddress(host, port), 128);
        this.pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(pool);
        server.createContext("/", this::handle);
    }

    public void start() {
        server.start();
    }

    public int port() {
        return server.getAddress().getPort();
    }

    @Override
    public void close() {
        server.stop(0);
        pool.shutdownNow();
        try {
            pool.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
                body = in.readAllBytes();
            }
            SandboxRequest req = new SandboxRequest(exchange.getRequestMethod(), exchange.getRequestURI().getRawPath(),
                    exchange.getRequestURI().getRawQuery(), exchange.getRequestHeaders(), body);
            boolean controlRequest = !req.segments().isEmpty() && req.segments().get(0).equals("_sandbox");
            write(exchange, req, controlRequest ? control(req) : api(req));
        }
    }

    private SandboxResponse control(SandboxRequest req) {
        try {
            SandboxRouter.Route route = control.match(req);
            if (route == null) {
                return SandboxResponse.json(404, Map.of("error", "unknown control resource " + req.method() + " " + req.path()));
            }
            return route.handler().handle(req);
        } catch (IllegalArgumentException | NullPointerException e) {
            // The simulator's own errors: never mistaken for the service's.
            return SandboxResponse.json(400, Map.of("error", String.valueOf(e.getMessage())));
        } catch (RuntimeException e) {
            return api.failure(req, e);
        }
    }

    private SandboxResponse api(SandboxRequest req) {
        Map<String, String> head = new LinkedHashMap<>();
        List<Faults.Rule> fired = List.of();
        SandboxResponse res;
        boolean faulted = false;
        try {
            res = api.admit(req, head);
            if (res == null) {
                fired = faults.fire(req.method(), req.path());
                res = instead(fired);
                faulted = res != null;
                if (res == null) {
                    res = api.serve(req);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            res = SandboxResponse.reset();
        } catch (RuntimeException e) {
            res = api.failure(req, e);
        }
        head.forEach(res.headers()::putIfAbsent);
        for (Faults.Rule r : fired) {
            res.headers().putAll(r.headers());
            if (r.kind() == Faults.Kind.TRUNCATE && !res.isReset()) {
                res.truncate();
                faulted = true;
            }
        }
        api.answered(req, res, faulted);
        return res;
    }

    /** Delays and actions of the fired rules in order, up to the first that answers instead of the API (its answer), or null. */
    private SandboxResponse instead(List<Faults.Rule> fired) throws InterruptedException {
        for (Faults.Rule r : fired) {
            switch (r.kind()) {
                case LATENCY -> Thread.sleep(r.latencyMillis());
                case ACTION -> r.action().run();
                case STATUS -> {
                    return api.injected(r.status());
                }
                case MALFORMED -> {
                    return api.malformed();
                }
                case RESET -> {
                    return SandboxResponse.reset();
                }
                case TRUNCATE -> {
                    // applied to the API's answer
                }
            }
        }
        return null;
    }

    private static void write(HttpExchange exchange, SandboxRequest req, SandboxResponse res) throws IOException {
        if (res.isReset()) {
            return; // closing the exchange unanswered: the client sees the connection drop, no status line
        }
        res.headers().forEach((k, v) -> exchange.getResponseHeaders().set(k, v));
        byte[] bytes = res.body();
        boolean noBody = bytes.length == 0 || req.method().equals("HEAD");
        exchange.sendResponseHeaders(res.status(), noBody ? -1 : bytes.length);
        if (!noBody) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
    }
}
