/**
 * The Salesforce connection: camel-salesforce wired from {@code SalesforceProperties} (or to the simulator, through
 * {@code connect.SandboxLauncher}, when no credentials are set) and its health. What the flows ask of Salesforce and do
 * with the answers lives in {@code io.custsync.sync.salesforce}.
 */
package io.custsync.salesforce;
