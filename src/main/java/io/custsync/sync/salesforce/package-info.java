/**
 * The Salesforce flows' logic: {@code SalesforceAccountsRead} and {@code SalesforceContactsRead} read the account and
 * contact views into the store (SOQL from the checkpoint); {@code SalesforceAccountsPush} and
 * {@code SalesforceContactsPush} write local changes back in batches. Two-way fields go through {@code TwoWayRules}.
 * The connection itself (camel-salesforce, login) is {@code io.custsync.salesforce}'s.
 */
package io.custsync.sync.salesforce;
