/**
 * Salesforce sandbox: an in-process imitation of one Salesforce org's REST API, served by the JDK HTTP
 * server, for the service to run (and be tested) without Salesforce credentials. camel-salesforce talks to
 * it exactly as to login.salesforce.com, through its {@code loginUrl}.
 *
 * <p>Concerns, one class each: {@link io.custsync.sandbox.salesforce.SalesforceSandbox} (lifecycle) and
 * {@link io.custsync.sandbox.salesforce.SandboxSettings}; {@code SandboxHttpServer}/{@code RestApi}
 * (routing); {@code AuthService} (OAuth2 and sessions); {@code ApiLimits}; {@code SoqlParser},
 * {@code SoqlQuery} and {@code QueryService} (SOQL and paging); {@code Schema}, {@code DataGenerator} and
 * {@code RecordStore} (data); {@code RecordWriter} (validation and writes); {@code SObjectApi},
 * {@code CompositeApi} and {@code Describe} (resources); {@link io.custsync.sandbox.salesforce.Faults};
 * {@link io.custsync.sandbox.salesforce.SandboxControl} and {@code ControlApi} (the {@code /_sandbox/} API);
 * {@link io.custsync.sandbox.salesforce.Counters}.
 */
package io.custsync.sandbox.salesforce;
