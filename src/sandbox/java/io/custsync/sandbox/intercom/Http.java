package io.custsync.sandbox.intercom;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Minimal request/response/route types for the JDK HttpServer, so handlers stay free of exchange plumbing. */
final class Http {
    private Http() {
    }

    static final class Request {
        final String method;
        final String path;
        final Map<String, String> query;
        final Map<String, List<String>> headers;
        final byte[] rawBody;
        Map<String, String> params = Map.of();
        private JsonNode body;

        Request(String method, String path, String rawQuery, Map<String, List<String>> headers, byte[] rawBody) {
            this.method = method;
            this.path = path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
            this.query = parseQuery(rawQuery);
            this.headers = headers;
            this.rawBody = rawBody;
        }

        String header(String name) {
            for (Map.Entry<String, List<String>> e : headers.entrySet()) {
                if (e.getKey() != null && e.getKey().equalsIgnoreCase(name) && !e.getValue().isEmpty()) {
                    return e.getValue().get(0);
                }
            }
            return null;
        }

        String param(String name) {
            return params.get(name);
        }

        String query(String name) {
            return query.get(name);
        }

        int intQuery(String name, int dflt) {
            String v = query.get(name);
            if (v == null || v.isEmpty()) {
                return dflt;
            }
            try {
                return Integer.parseInt(v);
            } catch (NumberFormatException e) {
                throw new ApiException(400, "parameter_invalid", name + " must be an integer", name);
            }
        }

        /** The JSON body; an empty body reads as an empty object, malformed JSON is a 400 like Intercom's. */
        JsonNode body() {
            if (body == null) {
                if (rawBody == null || rawBody.length == 0) {
                    body = Views.obj();
                } else {
                    try {
                        body = Views.JSON.readTree(rawBody);
                        if (body == null || body instanceof MissingNode) {
                            body = Views.obj();
                        }
                    } catch (java.io.IOException e) {
                        throw new ApiException(400, "parameter_invalid", "There was a problem parsing the JSON body");
                    }
                }
            }
            return body;
        }

        private static Map<String, String> parseQuery(String raw) {
            Map<String, String> out = new LinkedHashMap<>();
            if (raw == null || raw.isEmpty()) {
                return out;
            }
            for (String pair : raw.split("&")) {
                int eq = pair.indexOf('=');
                String k = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
                String v = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
                out.putIfAbsent(k, v);
            }
            return out;
        }
    }

    static final class Response {
        int status;
        JsonNode json;
        byte[] raw;
        final Map<String, String> headers = new LinkedHashMap<>();

        static Response json(int status, JsonNode json) {
            Response r = new Response();
            r.status = status;
            r.json = json;
            return r;
        }

        static Response ok(JsonNode json) {
            return json(200, json);
        }

        byte[] bytes() {
            if (raw != null) {
                return raw;
            }
            try {
                return json == null ? new byte[0] : Views.withInvalidUtf8(Views.JSON.writeValueAsBytes(json));
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    interface Handler {
        Response handle(Request request);
    }

    record Route(String method, String template, String[] segments, Handler handler) {
    }

    record Match(Route route, Map<String, String> params) {
    }

    /** Routes by method and template ("/contacts/{id}/tags/{tag_id}"); literal segments win over parameters. */
    static final class Router {
        private final List<Route> routes = new ArrayList<>();

        Router add(String method, String template, Handler handler) {
            routes.add(new Route(method, template, template.substring(1).split("/"), handler));
            return this;
        }

        /** Best route for the path regardless of method (null if the path is unknown). */
        Match match(String method, String path) {
            String[] parts = path.equals("/") ? new String[] {""} : path.substring(1).split("/");
            Match best = null;
            int bestScore = -1;
            for (Route r : routes) {
                if (!r.method().equals(method) || r.segments().length != parts.length) {
                    continue;
                }
                Map<String, String> params = new HashMap<>();
                int score = 0;
                boolean ok = true;
                for (int i = 0; i < parts.length && ok; i++) {
                    String s = r.segments()[i];
                    if (s.startsWith("{")) {
                        params.put(s.substring(1, s.length() - 1), URLDecoder.decode(parts[i], StandardCharsets.UTF_8));
                    } else if (s.equals(parts[i])) {
                        score++;
                    } else {
                        ok = false;
                    }
                }
                if (ok && score > bestScore) {
                    best = new Match(r, params);
                    bestScore = score;
                }
            }
            return best;
        }
    }
}
