package io.custsync.ops.security;

import io.custsync.TestService;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** Raw HTTP requests to a running service, spelled exactly as a test needs (headers, bodies, methods). */
final class Client {

    static final HttpClient HTTP = HttpClient.newHttpClient();

    private Client() {
    }

    static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    static HttpRequest.Builder request(TestService service, String path) {
        return HttpRequest.newBuilder(URI.create(service.url(path)));
    }

    static HttpRequest.Builder as(HttpRequest.Builder request, String user, String password) {
        return user == null ? request : request.header("Authorization", basic(user, password));
    }

    static HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A Jolokia POST as a script on the service's own origin would send it (JSON, the same-origin header). */
    static HttpResponse<String> jolokia(TestService service, String path, String user, String password, String body) {
        return send(as(request(service, path), user, password)
                .header("Content-Type", "application/json")
                .header("X-Requested-With", "XMLHttpRequest")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    static HttpResponse<String> get(TestService service, String path, String user, String password) {
        return send(as(request(service, path), user, password).GET());
    }
}
