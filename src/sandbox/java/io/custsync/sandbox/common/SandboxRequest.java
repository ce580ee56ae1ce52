package io.custsync.sandbox.common;

import com.sun.net.httpserver.Headers;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A request as a simulator sees it: method, path (and its decoded segments), query, headers, body, route parameters. */
public final class SandboxRequest {

    private final String method;
    private final String path;
    private final List<String> segments;
    private final Map<String, String> query;
    private final Headers headers;
    private final byte[] body;
    private Map<String, String> params = Map.of();

    /** @param rawPath as sent (percent-encoded); a trailing slash is ignored, as both services ignore it */
    public SandboxRequest(String method, String rawPath, String rawQuery, Headers headers, byte[] body) {
        this.method = method.toUpperCase(java.util.Locale.ROOT);
        this.path = rawPath.length() > 1 && rawPath.endsWith("/") ? rawPath.substring(0, rawPath.length() - 1) : rawPath;
        List<String> decoded = new ArrayList<>();
        for (String s : rawPath.split("/")) {
            if (!s.isEmpty()) {
                // In a path '+' is a plus, not a space.
                decoded.add(URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8));
            }
        }
        this.segments = List.copyOf(decoded);
        this.query = parseForm(rawQuery);
        this.headers = headers;
        this.body = body;
    }

    /** {@code a=1&b=x%20y} as a map; the first of a repeated key wins. */
    public static Map<String, String> parseForm(String encoded) {
        Map<String, String> out = new LinkedHashMap<>();
        if (encoded == null || encoded.isEmpty()) {
            return out;
        }
        for (String pair : encoded.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String k = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String v = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            out.putIfAbsent(k, v);
        }
        return out;
    }

    /** Upper case. */
    public String method() { return method; }
    /** The raw path without a trailing slash. */
    public String path() { return path; }
    /** The path's segments, decoded, empty ones left out. */
    public List<String> segments() { return segments; }
    public String query(String name) { return query.get(name); }
    public Map<String, String> query() { return query; }
    /** The first value of a header (any case), or null. */
    public String header(String name) { return headers.getFirst(name); }
    public byte[] body() { return body; }
    public String bodyText() { return new String(body, StandardCharsets.UTF_8); }
    /** A route parameter ({@code {id}} of the route's template), decoded. */
    public String param(String name) { return params.get(name); }

    /** Form fields of a urlencoded body merged over the query string. */
    public Map<String, String> form() {
        Map<String, String> out = new LinkedHashMap<>(query);
        out.putAll(parseForm(bodyText()));
        return out;
    }

    void params(Map<String, String> params) {
        this.params = params;
    }
}
