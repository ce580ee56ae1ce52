package io.custsync.sandbox.common;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Routes by method and template ("/contacts/{id}/tags/{tag_id}"); literal segments win over parameters. */
public final class SandboxRouter {

    public interface Handler {
        SandboxResponse handle(SandboxRequest request);
    }

    public record Route(String method, String template, List<String> segments, Handler handler) {}

    private final List<Route> routes = new ArrayList<>();

    public SandboxRouter add(String method, String template, Handler handler) {
        List<String> segments = Arrays.stream(template.split("/")).filter(s -> !s.isEmpty()).toList();
        routes.add(new Route(method, template, segments, handler));
        return this;
    }

    /** The best route for the request (its parameters set on the request), or null when none serves it. */
    public Route match(SandboxRequest req) {
        List<String> parts = req.segments();
        Route best = null;
        Map<String, String> bestParams = Map.of();
        int bestScore = -1;
        for (Route r : routes) {
            if (!r.method().equals(req.method()) || r.segments().size() != parts.size()) {
                continue;
            }
            Map<String, String> params = new HashMap<>();
            int score = 0;
            boolean ok = true;
            for (int i = 0; i < parts.size() && ok; i++) {
                String s = r.segments().get(i);
                if (s.startsWith("{")) {
                    params.put(s.substring(1, s.length() - 1), parts.get(i));
                } else if (s.equals(parts.get(i))) {
                    score++;
                } else {
                    ok = false;
                }
            }
            if (ok && score > bestScore) {
                best = r;
                bestParams = params;
                bestScore = score;
            }
        }
        req.params(bestParams);
        return best;
    }
}
