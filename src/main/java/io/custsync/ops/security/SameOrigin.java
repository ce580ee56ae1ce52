package io.custsync.ops.security;

import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/**
 * Whether an {@code Origin} (or a {@code Referer} URL) names the service's own origin: the scheme, host and port
 * the request itself was made to. Behind a reverse proxy that terminates TLS, the proxy must pass
 * {@code X-Forwarded-Proto}/{@code -Host} and {@code server.forward-headers-strategy} must be set, so the request
 * knows the origin the browser used (README, Security).
 */
final class SameOrigin {

    private SameOrigin() {
    }

    static boolean isOwn(HttpServletRequest request, String originOrUrl) {
        if (request == null || originOrUrl == null) {
            return false;
        }
        try {
            URI uri = new URI(originOrUrl.trim());
            String scheme = uri.getScheme();
            String host = uri.getHost();
            if (scheme == null || host == null) {
                return false; // "null" (sandboxed frames, file: pages) and anything unparsable are foreign
            }
            int port = uri.getPort() != -1 ? uri.getPort() : defaultPort(scheme);
            return scheme.equalsIgnoreCase(request.getScheme())
                    && bare(host).equals(bare(request.getServerName()))
                    && port == request.getServerPort();
        } catch (URISyntaxException e) {
            return false;
        }
    }

    private static int defaultPort(String scheme) {
        return "https".equalsIgnoreCase(scheme) ? 443 : "http".equalsIgnoreCase(scheme) ? 80 : -1;
    }

    private static String bare(String host) {
        String h = host.toLowerCase(Locale.ROOT);
        return h.startsWith("[") && h.endsWith("]") ? h.substring(1, h.length() - 1) : h;
    }
}
