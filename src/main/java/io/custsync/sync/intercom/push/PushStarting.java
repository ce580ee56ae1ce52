package io.custsync.sync.intercom.push;

/**
 * A push run is about to read the store, after its checks passed: published (synchronously, so whatever a listener
 * writes is pushed) for real runs only, never for a dry run or the replay of one dead letter, which change nothing
 * but their own record. The demo's stand-in for a team's scoring job listens (src/sandbox).
 */
public record PushStarting(String flow) {}
