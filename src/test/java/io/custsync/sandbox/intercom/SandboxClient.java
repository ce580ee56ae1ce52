package io.custsync.sandbox.intercom;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Test HTTP client: real java.net.http calls with bearer + Accept + Intercom-Version, optional spec validation. */
final class SandboxClient {
    static final ObjectMapper JSON = new ObjectMapper();

    record Resp(int status, Map<String, String> headers, String body) {
        JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new AssertionError("not JSON: " + body, e);
            }
        }

        String header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name)).map(Map.Entry::getValue)
                    .findFirst().orElse(null);
        }

        String errorCode() {
            return json().path("errors").path(0).path("code").asText();
        }
    }

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String base;
    String token = IntercomSettings.DEFAULT_TOKEN;
    String version = "2.16";
    String accept = "application/json";
    boolean validate;
    /** The next requests are deliberately outside the spec: only the response is validated. */
    boolean invalidRequests;

    SandboxClient(IntercomSandbox sandbox) {
        this(sandbox.baseUrl());
    }

    SandboxClient(String base) {
        this.base = base;
    }

    SandboxClient validating() {
        this.validate = true;
        return this;
    }

    /** A validating copy whose requests are deliberately invalid (response still validated). */
    SandboxClient sendingInvalidRequests() {
        SandboxClient c = new SandboxClient(base);
        c.token = token;
        c.version = version;
        c.accept = accept;
        c.validate = validate;
        c.invalidRequests = true;
        return c;
    }

    Resp get(String pathAndQuery) {
        return send("GET", pathAndQuery, null);
    }

    Resp post(String pathAndQuery, Object body) {
        return send("POST", pathAndQuery, body);
    }

    Resp put(String pathAndQuery, Object body) {
        return send("PUT", pathAndQuery, body);
    }

    Resp delete(String pathAndQuery) {
        return send("DELETE", pathAndQuery, null);
    }

    Resp send(String method, String pathAndQuery, Object body) {
        try {
            String bodyText = body == null ? null : body instanceof String s ? s : JSON.writeValueAsString(body);
            HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + pathAndQuery)).timeout(Duration.ofSeconds(30));
            Map<String, String> reqHeaders = new LinkedHashMap<>();
            if (token != null) {
                reqHeaders.put("Authorization", "Bearer " + token);
            }
            if (accept != null) {
                reqHeaders.put("Accept", accept);
            }
            if (version != null) {
                reqHeaders.put("Intercom-Version", version);
            }
            if (bodyText != null) {
                reqHeaders.put("Content-Type", "application/json");
            }
            reqHeaders.forEach(b::header);
            b.method(method, bodyText == null ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(bodyText));
            HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
            Map<String, String> headers = new LinkedHashMap<>();
            r.headers().map().forEach((k, v) -> headers.put(k, v.get(0)));
            Resp resp = new Resp(r.statusCode(), headers, r.body());
            if (validate) {
                URI uri = URI.create(pathAndQuery);
                Map<String, String> query = new LinkedHashMap<>();
                if (uri.getRawQuery() != null) {
                    for (String p : uri.getRawQuery().split("&")) {
                        String[] kv = p.split("=", 2);
                        query.put(URLDecoder.decode(kv[0], StandardCharsets.UTF_8),
                                kv.length > 1 ? URLDecoder.decode(kv[1], StandardCharsets.UTF_8) : "");
                    }
                }
                List<String> problems = SpecValidator.problems(method, uri.getRawPath(), query, reqHeaders, bodyText,
                        resp.status(), headers, resp.body(), invalidRequests);
                assertEquals(List.of(), problems, method + " " + pathAndQuery + " -> " + resp.status() + " " + abbreviate(resp.body()));
            }
            return resp;
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String abbreviate(String s) {
        return s == null || s.length() < 600 ? s : s.substring(0, 600) + "…";
    }
}
