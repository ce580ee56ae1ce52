package io.custsync.sandbox.salesforce;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.Headers;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A parsed request: method, decoded path segments (trailing slashes ignored, as Salesforce does), query, body. */
final class HttpReq {

    final String method;
    final String path;
    final List<String> segments;
    final Map<String, String> query;
    final Headers headers;
    final byte[] body;

    HttpReq(String method, String rawPath, String rawQuery, Headers headers, byte[] body) {
        this.method = method;
        this.headers = headers;
        this.body = body;
        List<String> segs = new ArrayList<>();
        for (String s : rawPath.split("/")) {
            if (!s.isEmpty()) {
                segs.add(URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8));
            }
        }
        this.segments = List.copyOf(segs);
        this.path = "/" + String.join("/", segs);
        this.query = parseForm(rawQuery);
    }

    static Map<String, String> parseForm(String encoded) {
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

    String header(String name) {
        return headers.getFirst(name);
    }

    String bodyText() {
        return new String(body, StandardCharsets.UTF_8);
    }

    /** Form fields of a urlencoded body merged over the query string (the token endpoint takes either). */
    Map<String, String> form() {
        Map<String, String> out = new LinkedHashMap<>(query);
        out.putAll(parseForm(bodyText()));
        return out;
    }

    JsonNode json() {
        if (body.length == 0) {
            throw new ApiError(400, "JSON_PARSER_ERROR", "The request body is empty.");
        }
        try {
            return SfJson.MAPPER.readTree(body);
        } catch (Exception e) {
            throw new ApiError(400, "JSON_PARSER_ERROR", "Unexpected character in the request body: "
                    + e.getMessage().split("\n")[0]);
        }
    }

    /** The body as a JSON object converted to plain Java values. */
    Map<String, Object> jsonObject() {
        JsonNode node = json();
        if (!node.isObject()) {
            throw new ApiError(400, "JSON_PARSER_ERROR", "Cannot deserialize instance of SObject from "
                    + node.getNodeType() + " value");
        }
        return toMap(node);
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> toMap(JsonNode node) {
        return SfJson.MAPPER.convertValue(node, LinkedHashMap.class);
    }
}
