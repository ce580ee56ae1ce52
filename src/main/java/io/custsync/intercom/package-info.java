/**
 * The Intercom client: how to talk to Intercom, whatever is asked of it. {@code IntercomCalls} sends one
 * {@code IntercomRequest} (the {@code direct:intercom-call} route) with the token, API version and region, paces calls
 * under the rate limit ({@code RateLimitPacer}), retries what may be retried ({@code RetryPolicy}) and turns refusals into
 * typed {@code IntercomApiException}s; {@code IntercomConnection} holds whether the token is usable. It knows nothing of
 * flows, mappings or the store: what to ask and what the answers mean live in {@code io.custsync.sync.intercom}.
 */
package io.custsync.intercom;
