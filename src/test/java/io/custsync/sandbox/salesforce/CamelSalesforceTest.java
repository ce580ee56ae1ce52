package io.custsync.sandbox.salesforce;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.custsync.sandbox.common.Faults;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.apache.camel.CamelContext;
import org.apache.camel.CamelExecutionException;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.component.salesforce.SalesforceComponent;
import org.apache.camel.component.salesforce.SalesforceEndpointConfig;
import org.apache.camel.component.salesforce.api.SalesforceException;
import org.apache.camel.component.salesforce.api.SalesforceMultipleChoicesException;
import org.apache.camel.component.salesforce.api.dto.AbstractQueryRecordsBase;
import org.apache.camel.component.salesforce.api.dto.AbstractSObjectBase;
import org.apache.camel.component.salesforce.api.dto.GlobalObjects;
import org.apache.camel.component.salesforce.api.dto.Limits;
import org.apache.camel.component.salesforce.api.dto.RestError;
import org.apache.camel.component.salesforce.api.dto.SObject;
import org.apache.camel.component.salesforce.api.dto.SObjectDescription;
import org.apache.camel.component.salesforce.api.dto.SObjectField;
import org.apache.camel.component.salesforce.api.dto.SaveSObjectResult;
import org.apache.camel.component.salesforce.api.dto.Version;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The real camel-salesforce component (no Spring) against the sandbox, configured exactly as the service
 * does in sandbox mode: loginUrl = sandbox base URL, refresh-token credentials, lazyLogin.
 */
class CamelSalesforceTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private SalesforceSandbox sandbox;

    private CamelContext camel;
    private ProducerTemplate template;

    /** A minimal hand-written DTO, standing in for classes the camel-salesforce maven plugin would generate. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public static class Account extends AbstractSObjectBase {
        @JsonProperty("Customer_ID__c")
        public String customerId;
        @JsonProperty("Stage__c")
        public String stage;

        public Account() {
            getAttributes().setType("Account");
        }
    }

    public static class AccountRecords extends AbstractQueryRecordsBase<Account> {
    }

    @BeforeEach
    void start() throws Exception {
        // A fresh org per test: seeded rows are generated lazily, so 2,500 accounts cost nothing up front.
        sandbox = new SalesforceSandbox(new SalesforceSettings().accounts(2500).contacts(50)
                .clockStart(Instant.parse("2025-01-01T00:00:00Z")).clockFrozen(true)).start();
        camel = camelWith(refreshTokenComponent());
    }

    @AfterEach
    void stop() throws Exception {
        camel.close();
        sandbox.close();
    }

    private SalesforceComponent refreshTokenComponent() {
        SalesforceComponent sf = new SalesforceComponent();
        sf.setLoginUrl(sandbox.baseUrl());
        sf.setClientId("sandbox-client-id");
        sf.setClientSecret("sandbox-client-secret");
        sf.setRefreshToken("sandbox-refresh-token");
        sf.setLazyLogin(true);
        return sf;
    }

    private CamelContext camelWith(SalesforceComponent sf) throws Exception {
        CamelContext ctx = new DefaultCamelContext();
        ctx.addComponent("salesforce", sf);
        ctx.start();
        template = ctx.createProducerTemplate();
        return ctx;
    }

    private JsonNode rawQuery(String operation, String soql) throws Exception {
        String body = template.requestBodyAndHeader("salesforce:" + operation + "?rawPayload=true", null,
                SalesforceEndpointConfig.SOBJECT_QUERY, soql, String.class);
        return JSON.readTree(body);
    }

    @Test
    void queriesWithTheDefaultApiVersionAndFollowsNextRecordsUrlAcrossPages() throws Exception {
        JsonNode first = rawQuery("query", "SELECT Id, Name, Customer_ID__c FROM Account ORDER BY Customer_ID__c");
        assertThat(first.get("totalSize").asInt()).isEqualTo(2500);
        assertThat(first.get("done").asBoolean()).isFalse();
        assertThat(first.get("records")).hasSize(2000);
        assertThat(first.get("records").get(0).get("Customer_ID__c").asText()).isEqualTo("CUST-0000001");
        String next = first.get("nextRecordsUrl").asText();
        assertThat(next).startsWith("/services/data/v56.0/query/01g").endsWith("-2000");

        JsonNode second = rawQuery("queryMore", next);
        assertThat(second.get("done").asBoolean()).isTrue();
        assertThat(second.get("records")).hasSize(500);
        assertThat(second.get("records").get(499).get("Customer_ID__c").asText()).isEqualTo("CUST-0002500");
        assertThat(sandbox.control().counters().apiCalls("GET queryMore")).isEqualTo(1);
        assertThat(sandbox.control().counters().successfulLogins()).isEqualTo(1);
    }

    @Test
    void streamsAllPagesIntoDtosWithStreamQueryResult() {
        @SuppressWarnings("unchecked")
        Iterator<Account> it = template.requestBodyAndHeader("salesforce:query?streamQueryResult=true&sObjectClass="
                + AccountRecords.class.getName(), null, SalesforceEndpointConfig.SOBJECT_QUERY,
                "SELECT Id, Name, Customer_ID__c, SystemModstamp FROM Account ORDER BY SystemModstamp, Id",
                Iterator.class);
        List<Account> all = new ArrayList<>();
        it.forEachRemaining(all::add);
        assertThat(all).hasSize(2500);
        assertThat(all).extracting(AbstractSObjectBase::getId).doesNotHaveDuplicates();
        for (int i = 1; i < all.size(); i++) {
            assertThat(all.get(i).getSystemModstamp()).isAfterOrEqualTo(all.get(i - 1).getSystemModstamp());
        }
        assertThat(sandbox.control().counters().apiCalls("GET queryMore")).isEqualTo(1);
    }

    @Test
    void queryAllSeesDeletedRowsThatQueryDoesNot() throws Exception {
        String id = sandbox.control().idOf("Account", 7);
        template.requestBodyAndHeader("salesforce:deleteSObject?rawPayload=true&sObjectName=Account", null,
                SalesforceEndpointConfig.SOBJECT_ID, id);
        String soql = "SELECT Id, IsDeleted FROM Account WHERE Id = '" + id + "'";
        assertThat(rawQuery("query", soql).get("totalSize").asInt()).isZero();
        JsonNode all = rawQuery("queryAll", soql);
        assertThat(all.get("totalSize").asInt()).isEqualTo(1);
        assertThat(all.get("records").get(0).get("IsDeleted").asBoolean()).isTrue();
    }

    @Test
    void createsGetsAndUpdatesSObjects() throws Exception {
        String created = template.requestBody("salesforce:createSObject?rawPayload=true&sObjectName=Account",
                "{\"Name\":\"Camel Created\",\"Customer_ID__c\":\"CAMEL-1\",\"Stage__c\":\"Onboarding\"}", String.class);
        JsonNode result = JSON.readTree(created);
        assertThat(result.get("success").asBoolean()).isTrue();
        String id = result.get("id").asText();
        assertThat(id).startsWith("001").hasSize(18);

        template.requestBodyAndHeader("salesforce:updateSObject?rawPayload=true&sObjectName=Account",
                "{\"Stage__c\":\"Adoption\"}", SalesforceEndpointConfig.SOBJECT_ID, id);

        String got = template.requestBodyAndHeaders("salesforce:getSObject?rawPayload=true&sObjectName=Account",
                null, Map.of(SalesforceEndpointConfig.SOBJECT_ID, id,
                        SalesforceEndpointConfig.SOBJECT_FIELDS, "Name,Stage__c,SystemModstamp"), String.class);
        JsonNode rec = JSON.readTree(got);
        assertThat(rec.get("Name").asText()).isEqualTo("Camel Created");
        assertThat(rec.get("Stage__c").asText()).isEqualTo("Adoption");
        assertThat(rec.get("SystemModstamp").asText()).isEqualTo("2025-01-01T00:00:00.000+0000");
        assertThat(sandbox.control().counters().writes("Account.create")).isEqualTo(1);
        assertThat(sandbox.control().counters().writes("Account.update")).isEqualTo(1);
    }

    @Test
    void getsAnSObjectByExternalId() throws Exception {
        String got = template.requestBodyAndHeader(
                "salesforce:getSObjectWithId?rawPayload=true&sObjectName=Account&sObjectIdName=Customer_ID__c",
                null, SalesforceEndpointConfig.SOBJECT_EXT_ID_VALUE, "CUST-0000001", String.class);
        JsonNode rec = JSON.readTree(got);
        assertThat(rec.get("Id").asText()).isEqualTo(sandbox.control().idOf("Account", 0));
        assertThat(rec.get("Name").asText()).isEqualTo(sandbox.control().record(rec.get("Id").asText()).get("Name"));
        assertThat(rec.get("attributes").get("type").asText()).isEqualTo("Account");
    }

    @Test
    void upsertsByExternalIdCreatedThenUpdated() throws Exception {
        String uri = "salesforce:upsertSObject?rawPayload=true&sObjectName=Account&sObjectIdName=Customer_ID__c";
        String created = template.requestBodyAndHeader(uri, "{\"Name\":\"Upserted\"}",
                SalesforceEndpointConfig.SOBJECT_EXT_ID_VALUE, "CAMEL-UPSERT-1", String.class);
        assertThat(JSON.readTree(created).get("created").asBoolean()).isTrue();
        String updated = template.requestBodyAndHeader(uri, "{\"Name\":\"Upserted again\"}",
                SalesforceEndpointConfig.SOBJECT_EXT_ID_VALUE, "CAMEL-UPSERT-1", String.class);
        JsonNode u = JSON.readTree(updated);
        assertThat(u.get("created").asBoolean()).isFalse();
        assertThat(u.get("id").asText()).isEqualTo(JSON.readTree(created).get("id").asText());
        assertThat(sandbox.control().record(u.get("id").asText())).containsEntry("Name", "Upserted again");
    }

    @Test
    void upsertOnApi45AnswersNoContentForAnUpdate() {
        String uri = "salesforce:upsertSObject?rawPayload=true&apiVersion=45.0&sObjectName=Account"
                + "&sObjectIdName=Customer_ID__c";
        Object body = template.requestBodyAndHeader(uri, "{\"Name\":\"Renamed via 45\"}",
                SalesforceEndpointConfig.SOBJECT_EXT_ID_VALUE, "CUST-0000002");
        // A 204 has no body, so camel leaves the request body in place (a 200 would bring the result JSON).
        assertThat(body).isEqualTo("{\"Name\":\"Renamed via 45\"}");
        assertThat(sandbox.control().record(sandbox.control().idOf("Account", 1))).containsEntry("Name", "Renamed via 45");
        assertThatThrownBy(() -> template.requestBodyAndHeader(uri.replace("45.0", "30.0"), "{}",
                SalesforceEndpointConfig.SOBJECT_EXT_ID_VALUE, "CUST-0000002"))
                .as("a version the org does not serve answers 404")
                .hasRootCauseInstanceOf(org.apache.camel.component.salesforce.api.NoSuchSObjectException.class);
    }

    @Test
    void upsertMatchingSeveralRecordsFailsWithMultipleChoices() {
        sandbox.control().createRecord("Contact", Map.of("LastName", "Twin", "Contact_ID__c", "TWIN-1"), null);
        sandbox.control().createRecord("Contact", Map.of("LastName", "Twin", "Contact_ID__c", "TWIN-1"), null);
        assertThatThrownBy(() -> template.requestBodyAndHeader(
                "salesforce:upsertSObject?rawPayload=true&sObjectName=Contact&sObjectIdName=Contact_ID__c",
                "{\"FirstName\":\"Which\"}", SalesforceEndpointConfig.SOBJECT_EXT_ID_VALUE, "TWIN-1"))
                .isInstanceOf(CamelExecutionException.class)
                .satisfies(e -> {
                    SalesforceMultipleChoicesException mce = (SalesforceMultipleChoicesException) e.getCause();
                    assertThat(mce.getStatusCode()).isEqualTo(300);
                    assertThat(mce.getChoices()).hasSize(2)
                            .allMatch(u -> u.startsWith("/services/data/v56.0/sobjects/Contact/003"));
                });
    }

    @Test
    void validationErrorsArriveAsSalesforceExceptionsWithErrorCodes() {
        sandbox.control().addValidationRule("Account", "Stage__c", "Churned", "Churned accounts are read-only", null);
        try {
            assertThatThrownBy(() -> template.requestBodyAndHeader(
                    "salesforce:updateSObject?rawPayload=true&sObjectName=Account", "{\"Stage__c\":\"Churned\"}",
                    SalesforceEndpointConfig.SOBJECT_ID, sandbox.control().idOf("Account", 3)))
                    .satisfies(e -> {
                        SalesforceException se = (SalesforceException) e.getCause();
                        assertThat(se.getStatusCode()).isEqualTo(400);
                        assertThat(se.getErrors()).singleElement().satisfies(err -> {
                            assertThat(err.getErrorCode()).isEqualTo("FIELD_CUSTOM_VALIDATION_EXCEPTION");
                            assertThat(err.getMessage()).isEqualTo("Churned accounts are read-only");
                        });
                    });
        } finally {
            sandbox.control().clearValidationRules();
        }
    }

    @Test
    void compositeCollectionsCreateAndUpdateWithPerRecordResults() {
        Account a = new Account();
        a.setName("Composite A");
        a.customerId = "COMP-A";
        Account b = new Account();
        b.setName("x".repeat(256));
        @SuppressWarnings("unchecked")
        List<SaveSObjectResult> created = template.requestBody(
                "salesforce:compositeCreateSObjectCollections?allOrNone=false", List.of(a, b), List.class);
        assertThat(created).hasSize(2);
        assertThat(created.get(0).getSuccess()).isTrue();
        assertThat(created.get(1).getSuccess()).isFalse();
        assertThat(created.get(1).getErrors()).singleElement()
                .satisfies(err -> assertThat(err.getErrorCode()).isEqualTo("STRING_TOO_LONG"));

        Account update = new Account();
        update.setId(created.get(0).getId());
        update.stage = "Renewal";
        @SuppressWarnings("unchecked")
        List<SaveSObjectResult> updated = template.requestBody(
                "salesforce:compositeUpdateSObjectCollections", List.of(update), List.class);
        assertThat(updated).singleElement().satisfies(r -> assertThat(r.getSuccess()).isTrue());
        assertThat(sandbox.control().record(created.get(0).getId())).containsEntry("Stage__c", "Renewal")
                .containsEntry("Name", "Composite A");
    }

    @Test
    void describeAndVersionsParseIntoCamelSalesforceDtos() {
        SObjectDescription d = template.requestBodyAndHeader("salesforce:getDescription", null,
                SalesforceEndpointConfig.SOBJECT_NAME, "Contact", SObjectDescription.class);
        assertThat(d.getKeyPrefix()).isEqualTo("003");
        assertThat(d.getFields()).extracting(SObjectField::getName).contains("Contact_ID__c", "Champion__c", "Role__c");
        SObjectField account = d.getFields().stream().filter(f -> f.getName().equals("AccountId")).findFirst().orElseThrow();
        assertThat(account.getReferenceTo()).containsExactly("Account");
        assertThat(account.getRelationshipName()).isEqualTo("Account");

        GlobalObjects global = template.requestBody("salesforce:getGlobalObjects", null, GlobalObjects.class);
        assertThat(global.getSobjects()).extracting(SObject::getName).containsExactly("Account", "Contact", "User");

        @SuppressWarnings("unchecked")
        List<Version> versions = template.requestBody("salesforce:getVersions", null, List.class);
        assertThat(versions).extracting(Version::getVersion).contains("56.0");
    }

    @Test
    void serverFaultsAndTheDailyLimitSurfaceAsSalesforceExceptions() throws Exception {
        rawQuery("query", "SELECT Id FROM User");
        sandbox.control().addFault(Faults.on("*", "**/query").status(503).nth(1));
        assertThatThrownBy(() -> rawQuery("query", "SELECT Id FROM User")).satisfies(e -> {
            SalesforceException se = (SalesforceException) e.getCause();
            assertThat(se.getStatusCode()).isEqualTo(503);
            assertThat(se.getErrors()).extracting(RestError::getErrorCode).containsExactly("SERVER_UNAVAILABLE");
        });
        sandbox.control().setRemainingDailyApiRequests(0);
        assertThatThrownBy(() -> rawQuery("query", "SELECT Id FROM User")).satisfies(e -> {
            SalesforceException se = (SalesforceException) e.getCause();
            assertThat(se.getStatusCode()).isEqualTo(403);
            assertThat(se.getErrors()).extracting(RestError::getErrorCode).containsExactly("REQUEST_LIMIT_EXCEEDED");
        });
    }

    @Test
    void readsLimits() {
        Limits limits = template.requestBody("salesforce:limits", null, Limits.class);
        assertThat(limits.getDailyApiRequests().getMax()).isEqualTo(100_000);
        assertThat(limits.getDailyApiRequests().getRemaining())
                .isEqualTo((int) sandbox.control().remainingDailyApiRequests());
    }

    @Test
    void reLogsInTransparentlyWhenTheSessionExpiresMidRun() throws Exception {
        assertThat(rawQuery("query", "SELECT Id FROM User").get("totalSize").asInt()).isEqualTo(5);
        assertThat(sandbox.control().counters().successfulLogins()).isEqualTo(1);

        sandbox.control().expireAllSessions();
        assertThat(rawQuery("query", "SELECT Id FROM User").get("totalSize").asInt()).isEqualTo(5);

        assertThat(sandbox.control().counters().successfulLogins()).isEqualTo(2);
        assertThat(sandbox.control().counters().events("invalidSession")).isEqualTo(1);
        assertThat(sandbox.control().counters().apiCalls("GET query")).isEqualTo(2);
    }

    @Test
    void parallelCallsAllSucceedAfterTheSessionExpires() throws Exception {
        rawQuery("query", "SELECT Id FROM User");
        sandbox.control().expireAllSessions();
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(8);
        try {
            List<java.util.concurrent.Future<JsonNode>> futures = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                futures.add(pool.submit(() -> rawQuery("query", "SELECT Id FROM Account WHERE Stage__c = 'Churned'")));
            }
            for (java.util.concurrent.Future<JsonNode> f : futures) {
                assertThat(f.get(30, java.util.concurrent.TimeUnit.SECONDS).get("done").asBoolean()).isTrue();
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(sandbox.control().counters().successfulLogins()).isGreaterThanOrEqualTo(2);
        assertThat(sandbox.control().counters().apiCalls("GET query")).isEqualTo(9);
    }

    @Test
    void revokedRefreshTokenFailsTheFirstCallWithTheLoginError() {
        sandbox.control().revokeRefreshToken();
        assertThatThrownBy(() -> rawQuery("query", "SELECT Id FROM User"))
                .hasStackTraceContaining("invalid_grant")
                .hasStackTraceContaining("expired access/refresh token");
        assertThat(sandbox.control().counters().successfulLogins()).isZero();
        assertThat(sandbox.control().counters().logins()).containsEntry("refresh_token.failure", 1L);
    }

    @Test
    void revokedRefreshTokenMidRunFailsTheNextCallClearly() throws Exception {
        rawQuery("query", "SELECT Id FROM User");
        sandbox.control().revokeRefreshToken();
        assertThatThrownBy(() -> rawQuery("query", "SELECT Id FROM User"))
                .hasStackTraceContaining("invalid_grant");
        assertThat(sandbox.control().counters().failedLogins()).isPositive();
    }

    @Test
    void usernamePasswordLoginWorksToo() throws Exception {
        camel.close();
        SalesforceComponent sf = new SalesforceComponent();
        sf.setLoginUrl(sandbox.baseUrl());
        sf.setClientId("sandbox-client-id");
        sf.setClientSecret("sandbox-client-secret");
        sf.setUserName("integration@custsync-sandbox.example.com");
        sf.setPassword("sandbox-password");
        sf.setLazyLogin(true);
        camel = camelWith(sf);
        assertThat(rawQuery("query", "SELECT Id FROM User WHERE IsActive = true").get("totalSize").asInt())
                .isEqualTo(4);
        assertThat(sandbox.control().counters().logins()).containsEntry("password.success", 1L);
    }
}
