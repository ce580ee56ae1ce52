/**
 * How the product reaches what stands in for Intercom and Salesforce when no credentials are set: the one
 * {@link io.custsync.connect.SandboxLauncher} interface. The simulators themselves live in src/sandbox, outside the
 * product's compile path.
 */
package io.custsync.connect;
