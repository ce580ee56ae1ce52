package io.custsync.sandbox.salesforce;

import static io.custsync.sandbox.salesforce.SandboxHttp.V;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class QueryEndpointTest extends LoggedInSandboxTest {

    @Test
    void returnsSeededRecordsWithRelationshipFieldsInSalesforceShape() {
        SandboxHttp.Response r = http.query("SELECT Id, Name, Website, Owner.Email, CSM__r.Email, CSM__r.Name,"
                + " Customer_ID__c, Stage__c, Healthscore__c, SystemModstamp FROM Account"
                + " WHERE Customer_ID__c = 'CUST-0000001'");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.header("Sforce-Limit-Info")).isEqualTo("api-usage=1/100000");
        assertThat(r.body()).isEqualTo("{\"totalSize\":1,\"done\":true,\"records\":[{\"attributes\":{\"type\":\"Account\","
                + "\"url\":\"/services/data/v56.0/sobjects/Account/001Hs0000000000IAA\"},\"Id\":\"001Hs0000000000IAA\","
                + "\"Name\":\"Quiet Falcon Media\",\"Website\":\"https://www.quietfalcon-1.example.com\","
                + "\"Owner\":{\"attributes\":{\"type\":\"User\",\"url\":\"/services/data/v56.0/sobjects/User/005Hs0000000004IAA\"},"
                + "\"Email\":\"vint.cerf4@custsync-sandbox.example.com\"},"
                + "\"CSM__r\":{\"attributes\":{\"type\":\"User\",\"url\":\"/services/data/v56.0/sobjects/User/005Hs0000000003IAA\"},"
                + "\"Email\":\"dennis.hamilton3@custsync-sandbox.example.com\",\"Name\":\"Dennis Hamilton\"},"
                + "\"Customer_ID__c\":\"CUST-0000001\",\"Stage__c\":\"Adoption\",\"Healthscore__c\":50.0,"
                + "\"SystemModstamp\":\"2024-08-01T10:48:07.000+0000\"}]}");
    }

    @Test
    void seededContactsAndUsersAreDeterministic() {
        JsonNode c = http.query("SELECT Id, FirstName, LastName, Name, Email, Account.Name, Contact_ID__c, Champion__c,"
                + " End_User__c, Role__c FROM Contact WHERE Contact_ID__c = 'CON-00000001'").json().get("records").get(0);
        assertThat(c.get("Id").asText()).isEqualTo("003Hs0000000000IAA");
        assertThat(c.get("Name").asText()).isEqualTo("Brian McCarthy");
        assertThat(c.get("Email").asText()).isEqualTo("brian.mccarthy1@northbeacon-18.example.com");
        assertThat(c.get("Account").get("attributes").get("url").asText()).endsWith("/Account/001Hs000000000HIAQ");
        assertThat(c.get("Champion__c").asBoolean()).isFalse();
        assertThat(c.get("End_User__c").asBoolean()).isTrue();
        assertThat(c.get("Role__c").asText()).isEqualTo("End User");
        JsonNode users = http.query("SELECT Id, Name, Email, IsActive FROM User ORDER BY Id").json();
        assertThat(users.get("totalSize").asInt()).isEqualTo(5);
        assertThat(users.get("records").get(0).get("Email").asText()).isEqualTo("integration@custsync-sandbox.example.com");
        assertThat(users.get("records").get(1).get("Name").asText()).isEqualTo("James Clarke");
        assertThat(users.get("records").get(4).get("IsActive").asBoolean()).isFalse();
    }

    @Test
    void whereClausesAgreeWithAPlainJavaFilterOverEveryRecord() {
        List<Map<String, Object>> accounts = all("Account", 40);
        Instant cut = Instant.parse("2024-06-01T00:00:00Z");
        assertSameIds("SELECT Id FROM Account WHERE SystemModstamp > 2024-06-01T00:00:00Z",
                accounts, a -> Instant.parse(fix(a.get("SystemModstamp"))).isAfter(cut));
        assertSameIds("SELECT Id FROM Account WHERE SystemModstamp <= 2024-06-01T00:00:00.000+0000",
                accounts, a -> !Instant.parse(fix(a.get("SystemModstamp"))).isAfter(cut));
        assertSameIds("SELECT Id FROM Account WHERE Stage__c IN ('Churned', 'renewal') AND Healthscore__c >= 40",
                accounts, a -> List.of("Churned", "Renewal").contains(a.get("Stage__c"))
                        && a.get("Healthscore__c") != null && (Double) a.get("Healthscore__c") >= 40);
        assertSameIds("SELECT Id FROM Account WHERE CSM__c = null OR NOT (Type = 'Customer - Direct')",
                accounts, a -> a.get("CSM__c") == null || !"Customer - Direct".equals(a.get("Type")));
        assertSameIds("SELECT Id FROM Account WHERE Healthscore__c != null AND Healthscore__c < 30",
                accounts, a -> a.get("Healthscore__c") != null && (Double) a.get("Healthscore__c") < 30);
        assertSameIds("SELECT Id FROM Account WHERE Healthscore__c != 50",
                accounts, a -> !Double.valueOf(50).equals(a.get("Healthscore__c")));
        assertSameIds("SELECT Id FROM Account WHERE Name LIKE '%falcon%'",
                accounts, a -> a.get("Name").toString().toLowerCase().contains("falcon"));
        assertSameIds("SELECT Id FROM Account WHERE Stage__c NOT IN ('Adoption')",
                accounts, a -> !"Adoption".equals(a.get("Stage__c")));

        List<Map<String, Object>> contacts = all("Contact", 120);
        assertSameIds("SELECT Id FROM Contact WHERE Champion__c = true OR Sponsor__c = TRUE",
                contacts, c -> (Boolean) c.get("Champion__c") || (Boolean) c.get("Sponsor__c"));
        String csm = sandbox.control().idOf("User", 3);
        assertSameIds("SELECT Id FROM Contact WHERE Account.CSM__c = '" + csm.substring(0, 15) + "'",
                contacts, c -> c.get("AccountId") != null
                        && csm.equals(sandbox.control().record(c.get("AccountId").toString()).get("CSM__c")));
        assertSameIds("SELECT Id FROM Contact WHERE AccountId IN (SELECT Id FROM Account WHERE CSM__c = '" + csm + "')",
                contacts, c -> c.get("AccountId") != null
                        && csm.equals(sandbox.control().record(c.get("AccountId").toString()).get("CSM__c")));
        assertSameIds("SELECT Id FROM Account WHERE Id NOT IN (SELECT AccountId FROM Contact WHERE Champion__c = true)",
                accounts, a -> contacts.stream().noneMatch(c -> a.get("Id").equals(c.get("AccountId"))
                        && (Boolean) c.get("Champion__c")));
        assertSameIds("SELECT Id FROM Contact WHERE Account.CSM__r.Email LIKE 'dennis%'",
                contacts, c -> c.get("AccountId") != null
                        && csm.equals(sandbox.control().record(c.get("AccountId").toString()).get("CSM__c")));
    }

    @Test
    void ordersByModstampThenIdWithLimitLikeAnIncrementalSync() {
        List<Map<String, Object>> accounts = new ArrayList<>(all("Account", 40));
        accounts.sort(Comparator.<Map<String, Object>, String>comparing(a -> fix(a.get("SystemModstamp")))
                .thenComparing(a -> a.get("Id").toString()));
        JsonNode r = http.query("SELECT Id, SystemModstamp FROM Account ORDER BY SystemModstamp ASC, Id LIMIT 7").json();
        assertThat(r.get("totalSize").asInt()).isEqualTo(7);
        assertThat(ids(r)).containsExactlyElementsOf(accounts.subList(0, 7).stream().map(a -> a.get("Id").toString()).toList());

        JsonNode desc = http.query("SELECT Id FROM Account ORDER BY Healthscore__c DESC, Id").json();
        List<String> expected = all("Account", 40).stream()
                .sorted(Comparator.<Map<String, Object>, Double>comparing(a -> (Double) a.get("Healthscore__c"),
                        Comparator.nullsLast(Comparator.reverseOrder())).thenComparing(a -> a.get("Id").toString()))
                .map(a -> a.get("Id").toString()).toList();
        assertThat(ids(desc)).containsExactlyElementsOf(expected);

        JsonNode offset = http.query("SELECT Id FROM Account ORDER BY Id LIMIT 5 OFFSET 10").json();
        assertThat(ids(offset)).containsExactly(IntStream.range(10, 15)
                .mapToObj(i -> sandbox.control().idOf("Account", i)).toArray(String[]::new));
    }

    @Test
    void writesMoveRecordsToTheEndOfTheModstampOrder() {
        String id = sandbox.control().idOf("Account", 5);
        sandbox.control().advanceClock(java.time.Duration.ofMillis(1));
        assertThat(http.patch(V + "/sobjects/Account/" + id, "{\"Profile__c\":\"Enterprise\"}").status()).isEqualTo(204);
        JsonNode r = http.query("SELECT Id, SystemModstamp, LastModifiedDate FROM Account"
                + " WHERE SystemModstamp >= 2025-01-01T00:00:00Z ORDER BY SystemModstamp, Id").json();
        assertThat(ids(r)).containsExactly(id);
        assertThat(r.get("records").get(0).get("SystemModstamp").asText()).isEqualTo("2025-01-01T00:00:00.001+0000");
        assertThat(r.get("records").get(0).get("LastModifiedDate").asText()).isEqualTo("2025-01-01T00:00:00.001+0000");
    }

    @Test
    void pagesWithNextRecordsUrlAndHonoursTheBatchSizeHeader() throws Exception {
        SandboxHttp.Response first = http.send(http.authed(V + "/query?q="
                + SandboxHttp.enc("SELECT Id FROM Contact ORDER BY Id").replace("+", "%20"))
                .header("Sforce-Query-Options", "batchSize=200").GET());
        JsonNode page = first.json();
        assertThat(page.get("totalSize").asInt()).isEqualTo(120);
        assertThat(page.get("done").asBoolean()).isTrue();

        SalesforceSandbox big = new SalesforceSandbox(new SalesforceSettings().accounts(4100).contacts(0)).start();
        try {
            SandboxHttp h = new SandboxHttp(big).login(big.settings());
            JsonNode p1 = h.query("SELECT Id FROM Account").json();
            assertThat(p1.get("records")).hasSize(2000);
            assertThat(p1.get("nextRecordsUrl").asText()).matches("/services/data/v56\\.0/query/01gHs0[0-9A-Za-z]{9}-2000");
            JsonNode p2 = h.get(p1.get("nextRecordsUrl").asText()).json();
            assertThat(p2.get("records")).hasSize(2000);
            assertThat(p2.get("records").get(0).get("Id").asText()).isEqualTo(big.control().idOf("Account", 2000));
            JsonNode p3 = h.get(p2.get("nextRecordsUrl").asText()).json();
            assertThat(p3.get("records")).hasSize(100);
            assertThat(p3.get("done").asBoolean()).isTrue();
            assertThat(p3.has("nextRecordsUrl")).isFalse();
            SandboxHttp.Response gone = h.get(p2.get("nextRecordsUrl").asText());
            assertThat(gone.status()).isEqualTo(400);
            assertThat(gone.json().get(0).get("errorCode").asText()).isEqualTo("INVALID_QUERY_LOCATOR");
        } finally {
            big.close();
        }
    }

    @Test
    void queryAllIncludesDeletedRowsAndQueryDoesNot() {
        String id = sandbox.control().idOf("Contact", 4);
        assertThat(http.delete(V + "/sobjects/Contact/" + id).status()).isEqualTo(204);
        String soql = "SELECT Id, IsDeleted FROM Contact WHERE Id = '" + id + "'";
        assertThat(http.query(soql).json().get("totalSize").asInt()).isZero();
        JsonNode all = http.queryAll(soql).json();
        assertThat(all.get("totalSize").asInt()).isEqualTo(1);
        assertThat(all.get("records").get(0).get("IsDeleted").asBoolean()).isTrue();
        assertThat(http.query("SELECT COUNT() FROM Contact").json().get("totalSize").asInt()).isEqualTo(119);
        assertThat(http.queryAll("SELECT COUNT() FROM Contact").json().get("totalSize").asInt()).isEqualTo(120);
    }

    @Test
    void unknownFieldsAnswerInvalidFieldWithSalesforcesMessage() {
        SandboxHttp.Response r = http.query("SELECT Id, Helthscore__c FROM Account");
        assertThat(r.status()).isEqualTo(400);
        JsonNode e = r.json().get(0);
        assertThat(e.get("errorCode").asText()).isEqualTo("INVALID_FIELD");
        assertThat(e.get("message").asText()).isEqualTo("\nSELECT Id, Helthscore__c FROM Account\n           ^\n"
                + "ERROR at Row:1:Column:12\nNo such column 'Helthscore__c' on entity 'Account'. If you are attempting"
                + " to use a custom field, be sure to append the '__c' after the custom field name. Please reference"
                + " your WSDL or the describe call for the appropriate names.");
        assertThat(http.query("SELECT Id FROM Account WHERE CSM__c.Email = 'x'").json().get(0).get("errorCode").asText())
                .isEqualTo("INVALID_FIELD");
        assertThat(http.query("SELECT CSM.Email FROM Account").json().get(0).get("message").asText())
                .contains("Didn't understand relationship 'CSM' in field path");
        assertThat(http.query("SELECT Id FROM Acount").json().get(0).get("errorCode").asText()).isEqualTo("INVALID_TYPE");
    }

    @Test
    void malformedQueriesAnswerMalformedQuery() {
        for (String soql : List.of("SELECT Id FORM Account", "SELECT FROM Account", "SELECT Id FROM Account WHERE",
                "SELECT Id FROM Account WHERE Name = 'open", "SELECT Id FROM Account LIMIT x",
                "SELECT Id FROM Account GROUP BY Name", "SELECT Id, FROM Account")) {
            SandboxHttp.Response r = http.query(soql);
            assertThat(r.status()).as(soql).isEqualTo(400);
            assertThat(r.json().get(0).get("errorCode").asText()).as(soql).isEqualTo("MALFORMED_QUERY");
        }
        assertThat(http.get(V + "/query").json().get(0).get("message").asText())
                .isEqualTo("A query string has to be specified");
    }

    @Test
    void filterLiteralsMustMatchTheFieldType() {
        assertThat(http.query("SELECT Id FROM Account WHERE SystemModstamp > '2024-01-01T00:00:00Z'").json()
                .get(0).get("message").asText()).endsWith("value of filter criterion for field 'SystemModstamp' must be"
                        + " of type dateTime and should not be enclosed in quotes");
        assertThat(http.query("SELECT Id FROM Account WHERE Name = 5").json().get(0).get("errorCode").asText())
                .isEqualTo("INVALID_FIELD");
        assertThat(http.query("SELECT Id FROM Account WHERE Id = 'nope'").json().get(0).get("errorCode").asText())
                .isEqualTo("INVALID_QUERY_FILTER_OPERATOR");
    }

    private List<Map<String, Object>> all(String type, int n) {
        return IntStream.range(0, n).mapToObj(i -> sandbox.control().record(sandbox.control().idOf(type, i))).toList();
    }

    /** "2024-08-01T10:48:07.000+0000" -> an ISO instant Java can parse. */
    private static String fix(Object sfDate) {
        return sfDate.toString().replace("+0000", "Z");
    }

    private void assertSameIds(String soql, List<Map<String, Object>> records, Predicate<Map<String, Object>> filter) {
        SandboxHttp.Response r = http.query(soql);
        assertThat(r.status()).as(soql + " -> " + r.body()).isEqualTo(200);
        List<String> expected = records.stream().filter(filter).map(m -> m.get("Id").toString()).toList();
        assertThat(ids(r.json())).as(soql).containsExactlyInAnyOrderElementsOf(expected);
        assertThat(expected).as("filter must select something but not everything: " + soql)
                .isNotEmpty().hasSizeLessThan(records.size());
    }

    private static List<String> ids(JsonNode page) {
        List<String> out = new ArrayList<>();
        page.get("records").forEach(r -> out.add(r.get("Id").asText()));
        return out;
    }
}
