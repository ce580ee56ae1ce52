/**
 * Salesforce sandbox: an in-process imitation of one Salesforce org's REST API, served by the JDK HTTP
 * server, for the service to run (and be tested) without Salesforce credentials. camel-salesforce talks to
 * it exactly as to login.salesforce.com, through its {@code loginUrl}.
 *
 * <p>Concerns, one class each: {@link io.custsync.sandbox.salesforce.SalesforceSandbox} (lifecycle) and
 * {@link io.custsync.sandbox.salesforce.SalesforceSettings}; {@code RestApi} (routing, behind the common server of
 * {@code sandbox.common}, which also brings the clock and faults); {@code AuthService} (OAuth2 and sessions);
 * {@code ApiLimits}; {@code SoqlParser}, {@code SoqlQuery} and {@code QueryService} (SOQL and paging); {@code Schema},
 * {@code SalesforceDataGenerator} and {@code SalesforceRecordStore} (data); {@code RecordWriter} (validation and
 * writes); {@code SObjectApi}, {@code CompositeApi} and {@code Describe} (resources); {@code SfJson} (JSON, answers
 * and errors as Salesforce writes them); {@link io.custsync.sandbox.salesforce.SalesforceControl} and
 * {@code SalesforceControlApi} (the {@code /_sandbox/} API); {@link io.custsync.sandbox.salesforce.SalesforceCounters}.
 */
package io.custsync.sandbox.salesforce;
