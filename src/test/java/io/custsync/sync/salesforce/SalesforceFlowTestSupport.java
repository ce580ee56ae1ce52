package io.custsync.sync.salesforce;

import io.custsync.TestService;
import io.custsync.salesforce.SalesforceConnection;
import io.custsync.sandbox.salesforce.SalesforceControl;
import io.custsync.sandbox.salesforce.SalesforceSandbox;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/** Starts the service against the in-process Salesforce sandbox with test-sized data and small query pages. */
final class SalesforceFlowTestSupport {

    static final int ACCOUNTS = 30;
    static final int CONTACTS = 60;

    private SalesforceFlowTestSupport() {}

    static Map<String, Object> props(Path dir, String mappingsYaml) throws Exception {
        Map<String, Object> props = TestService.defaults(dir);
        props.put("sync.salesforce.sandbox.seed", "11");
        props.put("sync.salesforce.sandbox.accounts", String.valueOf(ACCOUNTS));
        props.put("sync.salesforce.sandbox.contacts", String.valueOf(CONTACTS));
        // Small pages: every read goes through queryMore.
        props.put("sync.salesforce.sandbox.query-batch-size", "7");
        props.put("sync.salesforce.push-page-size", "5");
        Files.createDirectories(dir);
        Path mappings = dir.resolve("mappings.yaml");
        Files.writeString(mappings, mappingsYaml);
        props.put("sync.mappings", mappings.toString());
        return props;
    }

    static SalesforceConnection connection(TestService service) {
        return service.context().getBean(SalesforceConnection.class);
    }

    static SalesforceControl sandbox(TestService service) {
        return connection(service).sandbox(SalesforceSandbox.class).control();
    }

    /** Every record of a type (seeded and created), as the sandbox holds it, that passes the filter. */
    static List<Map<String, Object>> records(SalesforceControl sf, String type, int seeded, Predicate<Map<String, Object>> filter) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (int i = 0; i < seeded; i++) {
            Map<String, Object> rec = sf.record(sf.idOf(type, i));
            if (rec != null && !Boolean.TRUE.equals(rec.get("IsDeleted")) && filter.test(rec)) {
                out.add(rec);
            }
        }
        return out;
    }

    static Instant time(Object wire) {
        return OffsetDateTime.parse(wire.toString(), DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSZ")).toInstant();
    }

    /** Salesforce as the CRM: both objects in the given modes, Intercom flows off. */
    static String mappings(String customersMode, String contactsMode, String extraCustomers) {
        return """
                crm: salesforce
                objects:
                  customers:
                    intercom: { mode: disabled }
                    salesforce: { mode: %s, %s }
                    churn-on-missing: { enabled: true, source: salesforce }
                  contacts:
                    intercom: { mode: disabled }
                    salesforce:
                      mode: %s
                      fields: { phone: disabled }
                    role-tags:
                      champion: { salesforce-field: Champion__c }
                      sponsor: { salesforce-field: Role__c, salesforce-value: Sponsor }
                      key-user: { salesforce-field: Key_User__c }
                      end-user: { salesforce-field: disabled }
                  interactions: { intercom: { mode: disabled } }
                  tickets: { intercom: { mode: disabled } }
                  healthscore: { intercom: { mode: disabled } }
                """.formatted(customersMode, extraCustomers, contactsMode);
    }
}
