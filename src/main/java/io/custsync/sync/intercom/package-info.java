/**
 * The Intercom flows' logic: which requests a run makes and what it does with the answers. {@code *Read} classes read
 * Intercom into the store (contacts, conversations and tickets by search from their checkpoint, companies by a full
 * scroll); {@code push} holds the {@code *Push} classes that write the store to Intercom. Each is the handler bean of
 * a route in {@code routes/} and sends its calls through the client in {@code io.custsync.intercom}, which it never
 * bypasses.
 */
package io.custsync.sync.intercom;
