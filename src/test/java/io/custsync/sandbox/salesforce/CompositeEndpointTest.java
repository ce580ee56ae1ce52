package io.custsync.sandbox.salesforce;

import static io.custsync.sandbox.salesforce.SandboxHttp.V;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class CompositeEndpointTest extends LoggedInSandboxTest {

    @Test
    void createWithoutAllOrNoneKeepsTheGoodRecordsAndReportsTheBadOnes() {
        SandboxHttp.Response r = http.post(V + "/composite/sobjects", "{\"allOrNone\":false,\"records\":["
                + "{\"attributes\":{\"type\":\"Account\"},\"Name\":\"Good\",\"Customer_ID__c\":\"C-1\"},"
                + "{\"attributes\":{\"type\":\"Account\"},\"Name\":\"Dupe\",\"Customer_ID__c\":\"C-1\"},"
                + "{\"attributes\":{\"type\":\"Contact\"},\"LastName\":\"Fine\"},"
                + "{\"Name\":\"No type\"}]}");
        assertThat(r.status()).isEqualTo(200);
        JsonNode results = r.json();
        assertThat(results).hasSize(4);
        assertThat(results.get(0).get("success").asBoolean()).isTrue();
        assertThat(results.get(0).get("id").asText()).isEqualTo("001Hs000000000eIAA");
        assertThat(results.get(1).toString()).isEqualTo("{\"success\":false,\"errors\":[{\"statusCode\":\"DUPLICATE_VALUE\","
                + "\"message\":\"duplicate value found: Customer_ID__c duplicates value on record with id: "
                + "001Hs000000000eIAA\",\"fields\":[]}]}");
        assertThat(results.get(2).get("id").asText()).startsWith("003");
        assertThat(results.get(3).get("errors").get(0).get("statusCode").asText()).isEqualTo("INVALID_TYPE");
        assertThat(sandbox.control().recordCount("Account")).isEqualTo(41);
        assertThat(sandbox.control().counters().writes("Account.create")).isEqualTo(1);
        assertThat(sandbox.control().counters().writes("Contact.create")).isEqualTo(1);
    }

    @Test
    void allOrNoneRollsEverythingBackWhenOneRecordFails() {
        String before = sandbox.control().record(sandbox.control().idOf("Account", 0)).get("SystemModstamp").toString();
        SandboxHttp.Response r = http.patch(V + "/composite/sobjects", "{\"allOrNone\":true,\"records\":["
                + "{\"attributes\":{\"type\":\"Account\"},\"Id\":\"" + sandbox.control().idOf("Account", 0)
                + "\",\"Stage__c\":\"Renewal\"},"
                + "{\"attributes\":{\"type\":\"Account\"},\"Id\":\"" + sandbox.control().idOf("Account", 1)
                + "\",\"Stage__c\":\"Bogus\"}]}");
        JsonNode results = r.json();
        assertThat(results.get(0).get("success").asBoolean()).isFalse();
        assertThat(results.get(0).get("errors").get(0).get("statusCode").asText())
                .isEqualTo("ALL_OR_NONE_OPERATION_ROLLED_BACK");
        assertThat(results.get(1).get("errors").get(0).get("statusCode").asText())
                .isEqualTo("INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST");
        assertThat(sandbox.control().record(sandbox.control().idOf("Account", 0)))
                .containsEntry("Stage__c", "Adoption").containsEntry("SystemModstamp", before);
        assertThat(sandbox.control().counters().writes("Account")).isZero();

        SandboxHttp.Response creates = http.post(V + "/composite/sobjects", "{\"allOrNone\":true,\"records\":["
                + "{\"attributes\":{\"type\":\"Account\"},\"Name\":\"A\"},"
                + "{\"attributes\":{\"type\":\"Account\"}}]}");
        assertThat(creates.json().get(1).get("errors").get(0).get("statusCode").asText())
                .isEqualTo("REQUIRED_FIELD_MISSING");
        assertThat(sandbox.control().recordCount("Account")).as("the created row was rolled back").isEqualTo(40);
    }

    @Test
    void updateNeedsIdsAndRetrieveAndDeleteWorkByIds() {
        String a0 = sandbox.control().idOf("Account", 0);
        String a1 = sandbox.control().idOf("Account", 1);
        JsonNode updated = http.patch(V + "/composite/sobjects", "{\"records\":["
                + "{\"attributes\":{\"type\":\"Account\"},\"Id\":\"" + a0 + "\",\"Profile__c\":\"Strategic\"},"
                + "{\"attributes\":{\"type\":\"Account\"},\"Profile__c\":\"Strategic\"}]}").json();
        assertThat(updated.get(0).toString()).isEqualTo("{\"id\":\"" + a0 + "\",\"success\":true,\"errors\":[]}");
        assertThat(updated.get(1).get("errors").get(0).get("statusCode").asText()).isEqualTo("MISSING_ARGUMENT");

        JsonNode got = http.get(V + "/composite/sobjects/Account?ids=" + a0 + "," + a1
                + ",001Hs00000000ZZIAA&fields=Name,Profile__c").json();
        assertThat(got).hasSize(3);
        assertThat(got.get(0).get("Profile__c").asText()).isEqualTo("Strategic");
        assertThat(got.get(2).isNull()).isTrue();

        JsonNode deleted = http.delete(V + "/composite/sobjects?ids=" + a0 + "," + a0 + "&allOrNone=false").json();
        assertThat(deleted.get(0).get("success").asBoolean()).isTrue();
        assertThat(deleted.get(1).get("errors").get(0).get("statusCode").asText()).isEqualTo("ENTITY_IS_DELETED");
        assertThat(sandbox.control().record(a0)).containsEntry("IsDeleted", true);
    }

    @Test
    void upsertCollectionsByExternalIdSayWhichWereCreated() {
        JsonNode r = http.patch(V + "/composite/sobjects/Account/Customer_ID__c", "{\"allOrNone\":false,\"records\":["
                + "{\"attributes\":{\"type\":\"Account\"},\"Customer_ID__c\":\"CUST-0000010\",\"Profile__c\":\"SMB\"},"
                + "{\"attributes\":{\"type\":\"Account\"},\"Customer_ID__c\":\"FRESH-1\",\"Name\":\"Fresh\"}]}").json();
        assertThat(r.get(0).get("created").asBoolean()).isFalse();
        assertThat(r.get(0).get("id").asText()).isEqualTo(sandbox.control().idOf("Account", 9));
        assertThat(r.get(1).get("created").asBoolean()).isTrue();
    }

    @Test
    void rejectsMoreThan200Records() {
        String records = IntStream.range(0, 201).mapToObj(i -> "{\"attributes\":{\"type\":\"Contact\"},\"LastName\":\"L"
                + i + "\"}").collect(Collectors.joining(","));
        SandboxHttp.Response r = http.post(V + "/composite/sobjects", "{\"records\":[" + records + "]}");
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.json().get(0).get("errorCode").asText()).isEqualTo("EXCEEDED_ID_LIMIT");
        assertThat(sandbox.control().recordCount("Contact")).isEqualTo(120);
    }
}
