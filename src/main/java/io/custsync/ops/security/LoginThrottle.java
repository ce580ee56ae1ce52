package io.custsync.ops.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Throttles password guessing: a client address whose logins failed {@code max} times within {@code window} gets
 * 429 (with {@code Retry-After}) for any request carrying credentials until the oldest of those failures is older
 * than the window; its credentials are not even checked meanwhile, right ones included. Requests without
 * credentials pass (the login answers them 401 as ever). Behind a reverse proxy the client address is the proxy's
 * unless {@code server.forward-headers-strategy} is set (README, Security).
 */
class LoginThrottle extends OncePerRequestFilter {

    /** More addresses than this are not remembered: the expired ones are dropped first, then all. */
    private static final int MAX_ADDRESSES = 10_000;

    private final int max;
    private final long windowMillis;
    private final Clock clock;
    private final Map<String, Deque<Long>> failures = new ConcurrentHashMap<>();

    LoginThrottle(int max, Duration window, Clock clock) {
        this.max = max;
        this.windowMillis = window.toMillis();
        this.clock = clock;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (request.getHeader("Authorization") == null) {
            chain.doFilter(request, response);
            return;
        }
        String address = request.getRemoteAddr();
        long retryAfterMillis = retryAfter(address);
        if (retryAfterMillis > 0) {
            response.setStatus(429);
            response.setHeader("Retry-After", String.valueOf((retryAfterMillis + 999) / 1000));
            response.setContentType("application/json");
            response.getWriter().write("{\"status\":429,\"error\":\"too many failed logins from this address; try again later\"}");
            return;
        }
        chain.doFilter(request, response);
        if (response.getStatus() == HttpServletResponse.SC_UNAUTHORIZED) {
            failed(address);
        }
    }

    private long retryAfter(String address) {
        Deque<Long> times = failures.get(address);
        if (times == null) {
            return 0;
        }
        synchronized (times) {
            long now = clock.millis();
            prune(times, now);
            return times.size() >= max ? times.peekFirst() + windowMillis - now : 0;
        }
    }

    private void failed(String address) {
        if (failures.size() >= MAX_ADDRESSES) {
            long now = clock.millis();
            failures.values().removeIf(times -> {
                synchronized (times) {
                    prune(times, now);
                    return times.isEmpty();
                }
            });
            if (failures.size() >= MAX_ADDRESSES) {
                failures.clear();
            }
        }
        Deque<Long> times = failures.computeIfAbsent(address, a -> new ArrayDeque<>());
        synchronized (times) {
            times.addLast(clock.millis());
            while (times.size() > max) {
                times.removeFirst();
            }
        }
    }

    private void prune(Deque<Long> times, long now) {
        while (!times.isEmpty() && times.peekFirst() <= now - windowMillis) {
            times.removeFirst();
        }
    }
}
