package io.custsync.intercom;

/**
 * An Intercom call that did not give a usable answer. The subclasses decide what the route does: wait for
 * the rate-limit window, retry with backoff, stop for re-authentication, or give up on the record.
 */
public class IntercomApiException extends RuntimeException {

    private final int status;
    private final String code;
    private final String request;

    public IntercomApiException(String request, int status, String code, String message) {
        super(request + " answered " + status + (code == null ? "" : " " + code) + (message == null ? "" : ": " + message));
        this.request = request;
        this.status = status;
        this.code = code;
    }

    public int status() { return status; }
    public String code() { return code; }
    public String request() { return request; }

    /** 429: retried once the window resets. */
    public static class RateLimited extends IntercomApiException {
        private final long resetEpochSecond;

        public RateLimited(String request, String message, long resetEpochSecond) {
            super(request, 429, "rate_limit_exceeded", message);
            this.resetEpochSecond = resetEpochSecond;
        }

        public long resetEpochSecond() { return resetEpochSecond; }
    }

    /** 5xx, 408, a timeout, a reset connection or a body that is not the JSON it should be: retried with backoff. */
    public static class Transient extends IntercomApiException {
        public Transient(String request, int status, String code, String message) {
            super(request, status, code, message);
        }
    }

    /** 400 scroll_exists: another companies scroll of this app is still open; it expires after a minute idle. */
    public static class ScrollBusy extends IntercomApiException {
        public ScrollBusy(String request, String message) {
            super(request, 400, "scroll_exists", message);
        }
    }

    /** 401: the token is invalid, revoked or expired. Never retried: the connection waits for a new token. */
    public static class Unauthorized extends IntercomApiException {
        public Unauthorized(String request, String code, String message) {
            super(request, 401, code, message);
        }
    }

    /** 410 contact_merged: the record now lives under another id. */
    public static class Merged extends IntercomApiException {
        private final String canonicalPath;

        public Merged(String request, String message, String canonicalPath) {
            super(request, 410, "contact_merged", message);
            this.canonicalPath = canonicalPath;
        }

        /** e.g. {@code /contacts/5f...}, from the {@code Link: <…>; rel="canonical"} header; may be null. */
        public String canonicalPath() { return canonicalPath; }
    }
}
