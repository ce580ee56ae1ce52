package io.custsync.sync.webhooks;

/**
 * A token bucket: {@code ratePerSecond} on average, {@code burst} at once. The webhook endpoint's own limit, so a
 * flood of posts (signed or not) costs a 429 and no signature check, no store write.
 */
final class RequestRate {

    private final double ratePerNano;
    private final double burst;
    private double tokens;
    private long last;

    RequestRate(int ratePerSecond, int burst, long nowNanos) {
        this.ratePerNano = Math.max(1, ratePerSecond) / 1e9;
        this.burst = Math.max(1, burst);
        this.tokens = this.burst;
        this.last = nowNanos;
    }

    synchronized boolean tryAcquire(long nowNanos) {
        tokens = Math.min(burst, tokens + (nowNanos - last) * ratePerNano);
        last = nowNanos;
        if (tokens >= 1) {
            tokens -= 1;
            return true;
        }
        return false;
    }
}
