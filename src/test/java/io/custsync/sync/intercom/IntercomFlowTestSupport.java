package io.custsync.sync.intercom;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.custsync.TestService;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
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

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    /** Asks the sandbox directly, as another client of the workspace would: what the flows should end up storing. */
    static JsonNode api(TestService service, String method, String path, String body) throws Exception {
        service.sandbox().addToken("test-reader");
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(service.intercom().apiUrl() + path))
                .header("Authorization", "Bearer test-reader").header("Accept", "application/json")
                .header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException(method + " " + path + " answered " + response.statusCode() + ": " + response.body());
        }
        return JSON.readTree(response.body());
    }

    /** Every contact Intercom's search shows (what the contacts flow must store), page by page. */
    static List<JsonNode> allContacts(TestService service) throws Exception {
        List<JsonNode> contacts = new ArrayList<>();
        String after = null;
        do {
            String body = "{\"query\":{\"field\":\"updated_at\",\"operator\":\">\",\"value\":0},\"pagination\":{\"per_page\":150"
                    + (after == null ? "" : ",\"starting_after\":\"" + after + "\"") + "}}";
            JsonNode page = api(service, "POST", "/contacts/search", body);
            page.path("data").forEach(contacts::add);
            after = page.path("pages").path("next").path("starting_after").asText(null);
        } while (after != null);
        return contacts;
    }

    /** Every record of a windowed search (conversations, tickets) updated before now, page by page. */
    static List<JsonNode> all(TestService service, String object, String listKey) throws Exception {
        List<JsonNode> records = new ArrayList<>();
        String after = null;
        do {
            String body = "{\"query\":{\"field\":\"updated_at\",\"operator\":\">\",\"value\":0},\"pagination\":{\"per_page\":150"
                    + (after == null ? "" : ",\"starting_after\":\"" + after + "\"") + "}}";
            JsonNode page = api(service, "POST", "/" + object + "/search", body);
            page.path(listKey).forEach(records::add);
            after = page.path("pages").path("next").path("starting_after").asText(null);
        } while (after != null);
        return records;
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
