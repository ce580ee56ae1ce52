package io.custsync.sandbox.salesforce;

import java.util.List;

/** Salesforce's 300 answer when an external-id value matches several records: the body is the list of their URLs. */
public final class MultipleChoices extends RuntimeException {

    private final List<String> urls;

    public MultipleChoices(List<String> urls) {
        super("external id matches " + urls.size() + " records");
        this.urls = urls;
    }

    public List<String> urls() {
        return urls;
    }
}
