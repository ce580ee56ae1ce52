package io.custsync.sync.salesforce;

import io.custsync.mapping.Mappings;

/**
 * The local stage {@code churn} (what churn-on-missing sets) as Salesforce spells it
 * ({@code objects.customers.salesforce.churn-stage}, e.g. {@code Churned} in a restricted picklist). Empty: the
 * stage goes as it is. Both directions translate, so the push ledger compares like with like.
 */
final class ChurnStage {

    static final String LOCAL = "churn";

    private final String remote;

    ChurnStage(Mappings mappings) {
        String value = mappings.salesforceChurnStage();
        this.remote = value.isEmpty() ? null : value;
    }

    String toSalesforce(String local) {
        return remote != null && LOCAL.equals(local) ? remote : local;
    }

    String fromSalesforce(String value) {
        return remote != null && remote.equalsIgnoreCase(value) ? LOCAL : value;
    }
}
