package io.custsync.sandbox.salesforce;

import static io.custsync.sandbox.salesforce.SandboxHttp.V;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SObjectEndpointTest extends LoggedInSandboxTest {

    @Test
    void getReturnsTheWholeRecordOrTheRequestedFields() {
        SandboxHttp.Response r = http.get(V + "/sobjects/Account/001Hs0000000000IAA");
        assertThat(r.status()).isEqualTo(200);
        JsonNode a = r.json();
        assertThat(a.get("attributes").get("url").asText()).isEqualTo(V + "/sobjects/Account/001Hs0000000000IAA");
        assertThat(a.get("Name").asText()).isEqualTo("Quiet Falcon Media");
        assertThat(a.get("CreatedDate").asText()).isEqualTo("2023-05-20T11:04:44.000+0000");
        assertThat(a.get("IsDeleted").asBoolean()).isFalse();

        JsonNode some = http.get(V + "/sobjects/Account/001Hs0000000000?fields=Name,Stage__c").json();
        assertThat(some.size()).isEqualTo(3);
        assertThat(some.get("Stage__c").asText()).isEqualTo("Adoption");

        assertThat(http.get(V + "/sobjects/Account/001Hs0000000000IAA?fields=Nope").json().get(0)
                .get("errorCode").asText()).isEqualTo("INVALID_FIELD");
        SandboxHttp.Response missing = http.get(V + "/sobjects/Account/001Hs00000000ZZIAA");
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.body()).isEqualTo("[{\"message\":\"The requested resource does not exist\",\"errorCode\":\"NOT_FOUND\"}]");
        assertThat(http.get(V + "/sobjects/Acount/001Hs0000000000IAA").status()).isEqualTo(404);
        assertThat(http.get("/services/data/v20.0/sobjects/Account/001Hs0000000000IAA").status()).isEqualTo(404);
    }

    @Test
    void createStampsAuditFieldsFromTheSandboxClock() {
        sandbox.control().setClock(Instant.parse("2025-03-04T05:06:07.123Z"));
        // Two months later the old session has timed out, as a real one would.
        assertThat(http.get(V + "/limits").status()).isEqualTo(401);
        http.login(settings);
        SandboxHttp.Response r = http.post(V + "/sobjects/Contact",
                "{\"attributes\":{\"type\":\"Contact\"},\"FirstName\":\"Grace\",\"LastName\":\"Hopper\","
                        + "\"Email\":\"grace@navy.example.com\",\"Champion__c\":true,\"AccountId\":\"001Hs0000000001\"}");
        assertThat(r.status()).isEqualTo(201);
        assertThat(r.json().get("success").asBoolean()).isTrue();
        assertThat(r.json().get("errors")).isEmpty();
        String id = r.json().get("id").asText();
        assertThat(id).as("row 120 in base 62").isEqualTo("003Hs000000001wIAA");
        Map<String, Object> rec = sandbox.control().record(id);
        assertThat(rec).containsEntry("Name", "Grace Hopper").containsEntry("Champion__c", true)
                .containsEntry("Sponsor__c", false).containsEntry("AccountId", "001Hs0000000001IAA")
                .containsEntry("CreatedDate", "2025-03-04T05:06:07.123+0000")
                .containsEntry("SystemModstamp", "2025-03-04T05:06:07.123+0000")
                .containsEntry("LastModifiedDate", "2025-03-04T05:06:07.123+0000");
        assertThat(sandbox.control().counters().writes("Contact.create")).isEqualTo(1);
    }

    @Test
    void updateAndDeleteMaintainModstampAndIsDeleted() {
        String id = sandbox.control().idOf("Account", 2);
        sandbox.control().advanceClock(Duration.ofSeconds(90));
        assertThat(http.patch(V + "/sobjects/Account/" + id, "{\"Healthscore__c\":77,\"CSM__c\":null}").status())
                .isEqualTo(204);
        Map<String, Object> rec = sandbox.control().record(id);
        assertThat(rec).containsEntry("Healthscore__c", 77.0).containsEntry("CSM__c", null)
                .containsEntry("SystemModstamp", "2025-01-01T00:01:30.000+0000");
        assertThat(rec.get("CreatedDate")).isNotEqualTo("2025-01-01T00:01:30.000+0000");

        sandbox.control().advanceClock(Duration.ofSeconds(1));
        assertThat(http.delete(V + "/sobjects/Account/" + id).status()).isEqualTo(204);
        assertThat(sandbox.control().record(id)).containsEntry("IsDeleted", true)
                .containsEntry("SystemModstamp", "2025-01-01T00:01:31.000+0000");
        SandboxHttp.Response gone = http.get(V + "/sobjects/Account/" + id);
        assertThat(gone.status()).isEqualTo(404);
        assertThat(gone.json().get(0).get("errorCode").asText()).isEqualTo("ENTITY_IS_DELETED");
        assertThat(http.patch(V + "/sobjects/Account/" + id, "{\"Name\":\"x\"}").json().get(0).get("errorCode").asText())
                .isEqualTo("ENTITY_IS_DELETED");
    }

    @Test
    void upsertByExternalIdCreatesUpdatesAndReportsAmbiguity() {
        SandboxHttp.Response created = http.patch(V + "/sobjects/Account/Customer_ID__c/NEW-42",
                "{\"Name\":\"Brand New\"}");
        assertThat(created.status()).isEqualTo(201);
        assertThat(created.json().get("created").asBoolean()).isTrue();
        String id = created.json().get("id").asText();
        assertThat(sandbox.control().record(id)).containsEntry("Customer_ID__c", "NEW-42");

        SandboxHttp.Response updated = http.patch(V + "/sobjects/Account/Customer_ID__c/new-42", "{\"Name\":\"Renamed\"}");
        assertThat(updated.status()).isEqualTo(200);
        assertThat(updated.body()).isEqualTo("{\"id\":\"" + id + "\",\"success\":true,\"errors\":[],\"created\":false}");

        SandboxHttp.Response v45 = http.patch("/services/data/v45.0/sobjects/Account/Customer_ID__c/CUST-0000040",
                "{\"Stage__c\":\"Renewal\"}");
        assertThat(v45.status()).as("before API 46 an update answers 204").isEqualTo(204);
        assertThat(v45.body()).isEmpty();
        assertThat(sandbox.control().record(sandbox.control().idOf("Account", 39))).containsEntry("Stage__c", "Renewal");
        assertThat(http.patch("/services/data/v30.0/sobjects/Account/Customer_ID__c/CUST-0000040", "{}").status())
                .as("retired versions are not served").isEqualTo(404);

        SalesforceSandbox narrow = null;
        try {
            narrow = new SalesforceSandbox(new SalesforceSettings().apiVersions(List.of("60.0"))).start();
            SandboxHttp h = new SandboxHttp(narrow).login(narrow.settings());
            assertThat(h.get(V + "/limits").status()).as("only configured versions are served").isEqualTo(404);
            assertThat(h.get("/services/data/v60.0/limits").status()).isEqualTo(200);
        } catch (Exception e) {
            throw new AssertionError(e);
        } finally {
            if (narrow != null) {
                narrow.close();
            }
        }

        sandbox.control().createRecord("Contact", Map.of("LastName", "One", "Contact_ID__c", "SHARED"), null);
        sandbox.control().createRecord("Contact", Map.of("LastName", "Two", "Contact_ID__c", "SHARED"), null);
        SandboxHttp.Response ambiguous = http.patch(V + "/sobjects/Contact/Contact_ID__c/SHARED", "{\"FirstName\":\"X\"}");
        assertThat(ambiguous.status()).isEqualTo(300);
        assertThat(ambiguous.body()).isEqualTo("[\"" + V + "/sobjects/Contact/003Hs000000001wIAA\",\"" + V
                + "/sobjects/Contact/003Hs000000001xIAA\"]");

        SandboxHttp.Response notExternal = http.patch(V + "/sobjects/Account/Name/Acme", "{}");
        assertThat(notExternal.status()).isEqualTo(404);
        assertThat(notExternal.json().get(0).get("message").asText())
                .isEqualTo("Provided external ID field does not exist or is not accessible: Name");
    }

    @Test
    void getByExternalIdFindsSeededAndWrittenRecords() {
        assertThat(http.get(V + "/sobjects/Contact/Contact_ID__c/CON-00000120").json().get("Id").asText())
                .isEqualTo(sandbox.control().idOf("Contact", 119));
        assertThat(http.get(V + "/sobjects/Contact/Contact_ID__c/CON-00000121").status()).isEqualTo(404);
        http.patch(V + "/sobjects/Contact/" + sandbox.control().idOf("Contact", 3), "{\"Contact_ID__c\":\"MOVED\"}");
        assertThat(http.get(V + "/sobjects/Contact/Contact_ID__c/CON-00000004").status()).isEqualTo(404);
        assertThat(http.get(V + "/sobjects/Contact/Contact_ID__c/moved").json().get("Id").asText())
                .isEqualTo(sandbox.control().idOf("Contact", 3));
    }

    @Test
    void fieldValidationAnswersSalesforceErrorCodes() {
        assertError(http.post(V + "/sobjects/Account", "{\"Name\":\"" + "n".repeat(256) + "\"}"),
                "STRING_TOO_LONG", "Account Name: data value too large: " + "n".repeat(256) + " (max length=255)", "Name");
        assertError(http.post(V + "/sobjects/Contact", "{\"FirstName\":\"No last\"}"),
                "REQUIRED_FIELD_MISSING", "Required fields are missing: [LastName]", "LastName");
        assertError(http.post(V + "/sobjects/Account", "{\"Name\":\"x\",\"Colour__c\":\"red\"}"),
                "INVALID_FIELD", "No such column 'Colour__c' on sobject of type Account");
        assertError(http.post(V + "/sobjects/Account", "{\"Name\":\"x\",\"SystemModstamp\":\"2020-01-01T00:00:00Z\"}"),
                "INVALID_FIELD_FOR_INSERT_UPDATE", "Unable to create/update fields: SystemModstamp. Please check the"
                        + " security settings of this field and verify that it is read/write for your profile or"
                        + " permission set.", "SystemModstamp");
        assertError(http.post(V + "/sobjects/Account", "{\"Name\":\"x\",\"Stage__c\":\"Dormant\"}"),
                "INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST", "Stage: bad value for restricted picklist field: Dormant",
                "Stage__c");
        assertError(http.post(V + "/sobjects/Contact", "{\"LastName\":\"x\",\"Email\":\"not-an-email\"}"),
                "INVALID_EMAIL_ADDRESS", "Email: invalid email address: not-an-email", "Email");
        assertError(http.post(V + "/sobjects/Account", "{\"Name\":\"x\",\"CSM__c\":\"001Hs0000000000IAA\"}"),
                "FIELD_INTEGRITY_EXCEPTION", "CSM: id value of incorrect type: 001Hs0000000000IAA", "CSM__c");
        assertError(http.post(V + "/sobjects/Account", "{\"Name\":\"x\",\"Healthscore__c\":\"high\"}"),
                "JSON_PARSER_ERROR", null, "Healthscore__c");
        assertError(http.post(V + "/sobjects/Account", "{\"Name\":\"x\",\"Customer_ID__c\":\"CUST-0000003\"}"),
                "DUPLICATE_VALUE", "duplicate value found: Customer_ID__c duplicates value on record with id: "
                        + "001Hs0000000002IAA");
        assertError(http.patch(V + "/sobjects/User/005Hs0000000001IAA", "{\"IsActive\":false}"),
                "INVALID_TYPE_FOR_OPERATION", "entity type cannot be updated: User");
        assertThat(sandbox.control().recordCount("Account")).as("failed creates leave no row behind").isEqualTo(40);
        assertThat(sandbox.control().counters().writes("Account")).isZero();
    }

    @Test
    void configurableValidationRuleRejectsMatchingWrites() {
        sandbox.control().addValidationRule("Contact", "Email", "blocked@example.com",
                "Email is on the block list", "Email");
        String id = sandbox.control().idOf("Contact", 0);
        SandboxHttp.Response r = http.patch(V + "/sobjects/Contact/" + id, "{\"Email\":\"BLOCKED@example.com\"}");
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.body()).isEqualTo("[{\"message\":\"Email is on the block list\",\"errorCode\":"
                + "\"FIELD_CUSTOM_VALIDATION_EXCEPTION\",\"fields\":[\"Email\"]}]");
        assertThat(sandbox.control().record(id)).containsEntry("Email", "brian.mccarthy1@northbeacon-18.example.com");
        sandbox.control().updateRecord("Contact", id, Map.of("Email", "blocked@example.com"), null);
        assertThat(sandbox.control().record(id)).as("control writes bypass rules")
                .containsEntry("Email", "blocked@example.com");
        sandbox.control().clearValidationRules();
        assertThat(http.patch(V + "/sobjects/Contact/" + id, "{\"FirstName\":\"Ok\"}").status()).isEqualTo(204);
    }

    @Test
    void describeReportsFieldsAsSalesforceDoes() {
        JsonNode d = http.get(V + "/sobjects/Account/describe").json();
        assertThat(d.get("name").asText()).isEqualTo("Account");
        assertThat(d.get("keyPrefix").asText()).isEqualTo("001");
        Map<String, JsonNode> fields = new java.util.HashMap<>();
        d.get("fields").forEach(f -> fields.put(f.get("name").asText(), f));
        assertThat(fields.keySet()).contains("Id", "Name", "Website", "Type", "OwnerId", "CSM__c", "Customer_ID__c",
                "Stage__c", "Profile__c", "Healthscore__c", "CreatedDate", "LastModifiedDate", "SystemModstamp",
                "IsDeleted");
        JsonNode csm = fields.get("CSM__c");
        assertThat(csm.get("type").asText()).isEqualTo("reference");
        assertThat(csm.get("referenceTo").get(0).asText()).isEqualTo("User");
        assertThat(csm.get("relationshipName").asText()).isEqualTo("CSM__r");
        assertThat(csm.get("custom").asBoolean()).isTrue();
        JsonNode ext = fields.get("Customer_ID__c");
        assertThat(ext.get("externalId").asBoolean()).isTrue();
        assertThat(ext.get("unique").asBoolean()).isTrue();
        List<String> stages = new ArrayList<>();
        fields.get("Stage__c").get("picklistValues").forEach(p -> stages.add(p.get("value").asText()));
        assertThat(stages).containsExactly("Onboarding", "Adoption", "Expansion", "Renewal", "Churned");
        assertThat(fields.get("SystemModstamp").get("updateable").asBoolean()).isFalse();
        assertThat(fields.get("Healthscore__c").get("type").asText()).isEqualTo("double");

        JsonNode contact = http.get(V + "/sobjects/Contact/describe/").json();
        List<String> names = new ArrayList<>();
        contact.get("fields").forEach(f -> names.add(f.get("name").asText()));
        assertThat(names).contains("Champion__c", "Sponsor__c", "Key_User__c", "End_User__c", "Role__c", "Contact_ID__c");

        JsonNode global = http.get(V + "/sobjects").json();
        List<String> objects = new ArrayList<>();
        global.get("sobjects").forEach(o -> objects.add(o.get("name").asText()));
        assertThat(objects).containsExactly("Account", "Contact", "User");
        assertThat(http.get(V + "/sobjects/Contact").json().get("objectDescribe").get("keyPrefix").asText())
                .isEqualTo("003");
    }

    @Test
    void versionsAndResourcesListTheApi() {
        http.token = null;
        JsonNode versions = http.get("/services/data").json();
        List<String> served = new ArrayList<>();
        versions.forEach(v -> served.add(v.get("version").asText()));
        assertThat(served).contains("31.0", "45.0", "56.0", "64.0").doesNotContain("30.0", "65.0");
        JsonNode v56 = versions.get(served.indexOf("56.0"));
        assertThat(v56.get("url").asText()).isEqualTo("/services/data/v56.0");
        assertThat(v56.get("label").asText()).isEqualTo("Winter '23");
        assertThat(versions.get(0).get("label").asText()).isEqualTo("Summer '14");
        assertThat(versions.get(served.indexOf("64.0")).get("label").asText()).isEqualTo("Summer '25");
        http.login(settings);
        assertThat(http.get(V).json().get("query").asText()).isEqualTo(V + "/query");
        SandboxHttp.Response put = http.send(http.authed(V + "/sobjects/Account/001Hs0000000000IAA")
                .PUT(java.net.http.HttpRequest.BodyPublishers.ofString("{}")));
        assertThat(put.status()).isEqualTo(405);
        assertThat(put.json().get(0).get("errorCode").asText()).isEqualTo("METHOD_NOT_ALLOWED");
    }

    private static void assertError(SandboxHttp.Response r, String code, String message, String... fields) {
        assertThat(r.status()).as(r.body()).isEqualTo(400);
        JsonNode e = r.json().get(0);
        assertThat(e.get("errorCode").asText()).isEqualTo(code);
        if (message != null) {
            assertThat(e.get("message").asText()).isEqualTo(message);
        }
        List<String> actual = new ArrayList<>();
        e.path("fields").forEach(f -> actual.add(f.asText()));
        assertThat(actual).containsExactly(fields);
    }
}
