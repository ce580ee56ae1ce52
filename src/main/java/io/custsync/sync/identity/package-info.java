/**
 * Identity resolution: which local row a record from Intercom or Salesforce is when it has no identity link yet.
 * The rules here are pure (no store, no Camel); the store answers the questions they ask, a page at a time.
 */
package io.custsync.sync.identity;
