package io.custsync.sandbox.salesforce;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Collectors;

/** A plain java.net.http client for the sandbox, as a stand-in for "any Salesforce REST client". */
final class SandboxHttp {

    static final ObjectMapper JSON = new ObjectMapper();
    static final String V = "/services/data/v56.0";

    record Response(int status, HttpResponse<String> raw) {
        JsonNode json() {
            try {
                return JSON.readTree(raw.body());
            } catch (Exception e) {
                throw new AssertionError("not JSON: " + raw.body(), e);
            }
        }

        String body() {
            return raw.body();
        }

        String header(String name) {
            return raw.headers().firstValue(name).orElse(null);
        }
    }

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String base;
    String token;

    SandboxHttp(SalesforceSandbox sandbox) {
        this.base = sandbox.baseUrl();
    }

    Response form(String path, Map<String, String> fields) {
        String body = fields.entrySet().stream()
                .map(e -> enc(e.getKey()) + "=" + enc(e.getValue()))
                .collect(Collectors.joining("&"));
        return send(HttpRequest.newBuilder(URI.create(base + path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    /** Logs in with the refresh-token grant and keeps the access token for later calls. */
    SandboxHttp login(SalesforceSettings s) {
        Response r = form("/services/oauth2/token", Map.of("grant_type", "refresh_token", "client_id", s.clientId(),
                "client_secret", s.clientSecret(), "refresh_token", s.refreshToken()));
        if (r.status() != 200) {
            throw new AssertionError("login failed: " + r.body());
        }
        token = r.json().get("access_token").asText();
        return this;
    }

    Response get(String path) {
        return send(authed(path).GET());
    }

    Response query(String soql) {
        return get(V + "/query?q=" + enc(soql).replace("+", "%20"));
    }

    Response queryAll(String soql) {
        return get(V + "/queryAll?q=" + enc(soql).replace("+", "%20"));
    }

    Response post(String path, String json) {
        return send(authed(path).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    Response patch(String path, String json) {
        return send(authed(path).header("Content-Type", "application/json")
                .method("PATCH", HttpRequest.BodyPublishers.ofString(json)));
    }

    Response delete(String path) {
        return send(authed(path).DELETE());
    }

    Response send(HttpRequest.Builder builder) {
        try {
            HttpResponse<String> r = client.send(builder.timeout(Duration.ofSeconds(30)).build(),
                    HttpResponse.BodyHandlers.ofString());
            return new Response(r.statusCode(), r);
        } catch (Exception e) {
            throw new RuntimeException(e);
        }
    }

    HttpRequest.Builder authed(String path) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return b;
    }

    static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
