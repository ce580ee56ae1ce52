package io.custsync.intercom;

/**
 * One Intercom call as a flow wants it made, kept as the exchange property {@value #PROPERTY} so a retry
 * sends exactly the same request again.
 *
 * @param method GET, POST, PUT or DELETE
 * @param path   e.g. {@code /contacts/search}
 * @param query  the query string without {@code ?}, or null
 * @param body   the JSON body, or null
 * @param retryTransient whether a 5xx, timeout or reset is retried with backoff
 */
public record IntercomRequest(String method, String path, String query, String body, boolean retryTransient) {

    public static final String PROPERTY = "intercomRequest";

    public static IntercomRequest get(String path, String query) {
        return new IntercomRequest("GET", path, query, null, true);
    }

    public static IntercomRequest post(String path, String body) {
        return new IntercomRequest("POST", path, null, body, true);
    }

    /**
     * The same request, failing at once on a 5xx or timeout instead of retrying: for a companies scroll,
     * which Intercom cannot resume after such an error (the flow restarts the scroll instead).
     */
    public IntercomRequest withoutTransientRetry() {
        return new IntercomRequest(method, path, query, body, false);
    }

    public static IntercomRequest put(String path, String body) {
        return new IntercomRequest("PUT", path, null, body, true);
    }

    public static IntercomRequest delete(String path) {
        return new IntercomRequest("DELETE", path, null, null, true);
    }

    /** How the request shows in logs and errors: never with the token. */
    @Override
    public String toString() {
        return method + " " + path + (query == null ? "" : "?" + query);
    }
}
