package io.custsync.intercom;

import org.apache.camel.component.http.HttpClientConfigurer;
import org.apache.hc.client5.http.impl.classic.HttpClientBuilder;
import org.springframework.stereotype.Component;

/**
 * Adds the bearer token to each Intercom request inside the HTTP client, so the token is never a Camel
 * message header: message tracing, the console's message browser and every log see the call without it.
 * Referenced by the {@code intercom-call} route's endpoint ({@code httpClientConfigurer=#intercomAuthorization}).
 */
@Component("intercomAuthorization")
public class IntercomAuthorization implements HttpClientConfigurer {

    private final IntercomConnection connection;

    public IntercomAuthorization(IntercomConnection connection) {
        this.connection = connection;
    }

    @Override
    public void configureHttpClient(HttpClientBuilder builder) {
        // Read at each request: a rotated token applies to the next call without rebuilding the client.
        builder.addRequestInterceptorFirst((request, entity, context) ->
                request.setHeader("Authorization", "Bearer " + connection.token()));
    }
}
