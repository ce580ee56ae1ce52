package io.custsync.ops.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.springframework.util.unit.DataSize;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Caps every request body ({@code sync.console.max-request-body}, 1 MB by default), before anything reads it and
 * before the login: a declared length over the cap is answered 413, a body of unstated length (chunked) 411, so the
 * cap is decided on the headers alone and this filter never reads, let alone buffers, a body.
 */
class RequestBodyLimit extends OncePerRequestFilter {

    private final long max;

    RequestBodyLimit(DataSize max) {
        this.max = max.toBytes();
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        long length = request.getContentLengthLong();
        if (length > max) {
            refuse(response, HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE, "the request body is larger than " + max + " bytes");
            return;
        }
        if (length < 0 && request.getHeader("Transfer-Encoding") != null) {
            refuse(response, HttpServletResponse.SC_LENGTH_REQUIRED, "a request body needs a Content-Length (at most " + max + " bytes)");
            return;
        }
        chain.doFilter(request, response);
    }

    private static void refuse(HttpServletResponse response, int status, String why) throws IOException {
        response.setStatus(status);
        response.setContentType("application/json");
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.getWriter().write("{\"status\":" + status + ",\"error\":\"" + why + "\"}");
        // On the wire now: the container then discards what the client still sends, without waiting on this answer.
        response.flushBuffer();
    }
}
