/**
 * Intercom sandbox: an in-process simulator of Intercom's REST API 2.16 that the sync service, its tests and its
 * benchmarks reach over HTTP through a base URL, exactly as they would reach https://api.intercom.io.
 *
 * <p>Classes by concern:
 * <ul>
 *   <li>{@link io.custsync.sandbox.intercom.IntercomSandbox}, {@link io.custsync.sandbox.intercom.IntercomSettings},
 *       {@link io.custsync.sandbox.intercom.IntercomSandboxMain} — lifecycle, settings, standalone entry point;</li>
 *   <li>{@code PublicApi}, {@code Http} — Intercom's API behind the common server ({@code sandbox.common}: server,
 *       routing, clock, faults), bodies and answers as Intercom writes them;</li>
 *   <li>{@code Gatekeeper} — bearer token, Intercom-Version, Accept, 10-second rate-limit windows;</li>
 *   <li>{@link io.custsync.sandbox.intercom.IntercomCounters} — request counters;</li>
 *   <li>{@code IntercomDataGenerator}, {@code IntercomRecordStore}, {@code Ids} — records generated from (seed, index), overrides of
 *       changed records, reversible ids (see {@code IntercomRecordStore} for why this scales to a million contacts);</li>
 *   <li>{@code Workspace}, {@code Catalog}, {@code Model} — records and every state change; reference data (admins,
 *       tags, data attributes, ticket types/states);</li>
 *   <li>{@code SearchQuery}, {@code SearchRunner}, {@code Paging} — search language, seeking search execution, the four
 *       pagination styles;</li>
 *   <li>{@code ContactsApi}, {@code CompaniesApi}, {@code ConversationsApi}, {@code WorkspaceApi}, {@code Views} — the
 *       endpoints and their JSON shapes;</li>
 *   <li>{@link io.custsync.sandbox.intercom.Webhooks}, {@code WebhookFeed} — signed webhook notifications of changes;</li>
 *   <li>{@link io.custsync.sandbox.intercom.IntercomControl}, {@code IntercomControlApi} — the sandbox-only control API, in Java
 *       and under {@code /_sandbox/} over HTTP.</li>
 * </ul>
 * No Spring here on purpose, nor anything of the product: {@code sandbox.launch} starts the sandbox in-process for the
 * service when no Intercom token is configured, and tests start many of them.
 */
package io.custsync.sandbox.intercom;
