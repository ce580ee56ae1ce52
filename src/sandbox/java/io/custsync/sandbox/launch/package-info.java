/**
 * The simulators' side of {@link io.custsync.connect.SandboxLauncher}: starts them for the service when no
 * credentials are set, and seeds the demo. The only package of src/sandbox that knows the product; the simulators
 * (common, intercom, salesforce) know nothing of it.
 */
package io.custsync.sandbox.launch;
