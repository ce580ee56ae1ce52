package io.custsync.ops.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Set;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The same-origin rule for state changes (any method but GET, HEAD, OPTIONS, TRACE, on any path). A browser resends
 * the console's basic credentials with any request, even one a page on another site makes it send, so a state
 * change must show it was not made by such a page:
 * <ul>
 *   <li>an {@code Origin} (or, without one, a {@code Referer}) that is not the service's own origin is refused here;</li>
 *   <li>then the request must carry either the console's CSRF token ({@code X-XSRF-TOKEN} equal to the
 *       {@code XSRF-TOKEN} cookie: what Hawtio and the status page send) or an {@code X-Requested-With} header (what a
 *       script sends). A page on another site can send neither: it cannot read the cookie, and a custom header
 *       needs a CORS preflight this service never grants. Spring Security's CSRF filter checks the token when the
 *       header is absent ({@link #NEEDS_TOKEN}).</li>
 * </ul>
 */
class SameOriginProof extends OncePerRequestFilter {

    static final String SCRIPT_HEADER = "X-Requested-With";
    private static final Set<String> SAFE = Set.of("GET", "HEAD", "OPTIONS", "TRACE");

    /** The requests Spring Security's CSRF filter must find the token on: state changes without the script header. */
    static final RequestMatcher NEEDS_TOKEN = request -> changesState(request) && request.getHeader(SCRIPT_HEADER) == null;

    static boolean changesState(HttpServletRequest request) {
        return !SAFE.contains(request.getMethod());
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (changesState(request)) {
            String origin = request.getHeader("Origin");
            String from = origin != null ? origin : request.getHeader("Referer");
            if (from != null && !SameOrigin.isOwn(request, from)) {
                response.sendError(HttpServletResponse.SC_FORBIDDEN, "cross-origin state changes are refused");
                return;
            }
        }
        // Loading the token writes the XSRF-TOKEN cookie when the browser has none yet, so the console can send it back.
        if (request.getAttribute(CsrfToken.class.getName()) instanceof CsrfToken token) {
            token.getToken();
        }
        chain.doFilter(request, response);
    }
}
