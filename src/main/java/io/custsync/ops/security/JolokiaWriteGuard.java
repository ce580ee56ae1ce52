package io.custsync.ops.security;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Lets only the admin role change state through Jolokia (stop/start a route, write an attribute, any
 * operation that is not a read). Viewers keep a working console: Hawtio reads through {@code read},
 * {@code list}, {@code search} and read-only operations such as {@code dumpRoutesAsXml}.
 */
class JolokiaWriteGuard extends OncePerRequestFilter {

    /** Operations whose names say they only read; everything else counts as a change. */
    private static final List<String> READ_ONLY_PREFIXES = List.of(
            "dump", "get", "is", "list", "browse", "find", "search", "can", "explain", "count", "has", "query",
            "describe", "text", "completion", "information", "statistics", "show");

    private static final ObjectMapper JSON = new ObjectMapper();

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !request.getRequestURI().contains("/jolokia");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        HttpServletRequest toPass = request;
        boolean changesState;
        if ("POST".equalsIgnoreCase(request.getMethod())) {
            byte[] body = request.getInputStream().readAllBytes();
            toPass = new CachedBodyRequest(request, body);
            JsonNode requests = parse(body);
            // Proxy requests would let a console user reach any JMX URL from this host: nobody may.
            if (requests == null || hasProxyTarget(requests)) {
                response.sendError(HttpServletResponse.SC_FORBIDDEN, "Jolokia proxy requests are not allowed");
                return;
            }
            changesState = changesState(requests);
        } else {
            String path = request.getRequestURI().substring(request.getRequestURI().indexOf("/jolokia") + "/jolokia".length());
            changesState = path.startsWith("/exec") || path.startsWith("/write");
        }
        if (changesState && !isAdmin()) {
            response.sendError(HttpServletResponse.SC_FORBIDDEN, "Only the admin role may change state through Jolokia");
            return;
        }
        chain.doFilter(toPass, response);
    }

    private static boolean isAdmin() {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        return auth != null && auth.getAuthorities().stream()
                .anyMatch(a -> ("ROLE_" + ConsoleSecurityConfiguration.ADMIN).equals(a.getAuthority()));
    }

    /** The JSON request(s), or null when the body is not understood (refused rather than guessed at). */
    private static JsonNode parse(byte[] body) {
        try {
            JsonNode node = JSON.readTree(body);
            return node != null && (node.isObject() || node.isArray()) ? node : null;
        } catch (IOException e) {
            return null;
        }
    }

    private static Iterable<JsonNode> each(JsonNode requests) {
        return requests.isArray() ? requests : List.of(requests);
    }

    private static boolean hasProxyTarget(JsonNode requests) {
        for (JsonNode request : each(requests)) {
            if (request.has("target")) {
                return true;
            }
        }
        return false;
    }

    private static boolean changesState(JsonNode requests) {
        for (JsonNode request : each(requests)) {
            String type = request.path("type").asText("").toLowerCase(Locale.ROOT);
            if (type.equals("write")) {
                return true;
            }
            if (type.equals("exec") && !isReadOnly(request.path("operation").asText(""))) {
                return true;
            }
        }
        return false;
    }

    static boolean isReadOnly(String operation) {
        String name = operation.contains("(") ? operation.substring(0, operation.indexOf('(')) : operation;
        return READ_ONLY_PREFIXES.stream().anyMatch(name::startsWith);
    }

    /** The request with its body already read, so Jolokia can read it again. */
    private static final class CachedBodyRequest extends HttpServletRequestWrapper {
        private final byte[] body;

        CachedBodyRequest(HttpServletRequest request, byte[] body) {
            super(request);
            this.body = body;
        }

        @Override
        public ServletInputStream getInputStream() {
            ByteArrayInputStream in = new ByteArrayInputStream(body);
            return new ServletInputStream() {
                @Override public boolean isFinished() { return in.available() == 0; }
                @Override public boolean isReady() { return true; }
                @Override public void setReadListener(ReadListener listener) { throw new UnsupportedOperationException(); }
                @Override public int read() { return in.read(); }
                @Override public int read(byte[] b, int off, int len) { return in.read(b, off, len); }
            };
        }

        @Override
        public BufferedReader getReader() {
            return new BufferedReader(new InputStreamReader(getInputStream(), StandardCharsets.UTF_8));
        }
    }
}
