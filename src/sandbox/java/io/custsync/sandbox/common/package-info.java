/**
 * What the two simulators share, written once: the HTTP server and its request pipeline
 * ({@link io.custsync.sandbox.common.SandboxServer}, {@link io.custsync.sandbox.common.SandboxRequest},
 * {@link io.custsync.sandbox.common.SandboxResponse}, {@link io.custsync.sandbox.common.SandboxRouter}), the clock
 * ({@link io.custsync.sandbox.common.SandboxClock}), fault injection ({@link io.custsync.sandbox.common.Faults}),
 * counters ({@link io.custsync.sandbox.common.Tally}), the control routes every simulator has
 * ({@link io.custsync.sandbox.common.ControlRoutes}: clock, faults, counters) and running one on its own
 * ({@link io.custsync.sandbox.common.Standalone}). A simulator brings its API and how its service answers
 * ({@link io.custsync.sandbox.common.SandboxServer.Api}). Plain JDK and Jackson, no Spring, nothing of the product.
 */
package io.custsync.sandbox.common;
