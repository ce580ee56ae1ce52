package io.custsync.sync.intercom;

import io.custsync.TestService;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** Starts the service on a store of its own against the in-process Intercom sandbox, with test-sized data. */
final class IntercomFlowTestSupport {

    private IntercomFlowTestSupport() {}

    static Map<String, Object> props(Path dir, String mappingsYaml) throws Exception {
        Map<String, Object> props = TestService.defaults(dir);
        props.put("sync.intercom.sandbox.seed", "7");
        props.put("sync.intercom.sandbox.companies", "40");
        props.put("sync.intercom.sandbox.contacts", "150");
        props.put("sync.intercom.sandbox.conversations", "60");
        props.put("sync.intercom.sandbox.tickets", "25");
        props.put("sync.intercom.page-size", "20");
        props.put("sync.intercom.scroll-busy-wait", "500ms");
        if (mappingsYaml != null) {
            Files.createDirectories(dir);
            Path mappings = dir.resolve("mappings.yaml");
            Files.writeString(mappings, mappingsYaml);
            props.put("sync.mappings", mappings.toString());
        }
        return props;
    }

    static final String INTERCOM_AS_CRM = """
            crm: intercom
            objects:
              customers:
                intercom: { mode: input }
                churn-on-missing: { enabled: true, source: intercom }
              contacts:
                intercom: { mode: input }
              interactions:
                intercom: { mode: input, first-pull-days: 3650, known-customers-only: true }
              tickets:
                intercom: { mode: input, first-pull-days: 3650 }
            """;
}
