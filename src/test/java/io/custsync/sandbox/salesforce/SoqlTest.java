package io.custsync.sandbox.salesforce;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.custsync.sandbox.common.SandboxClock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The SOQL parser and evaluator on their own, over a hand-made org where every expected row is known. */
class SoqlTest {

    private final SalesforceSettings settings = new SalesforceSettings().users(3).accounts(0).contacts(0);
    private final Schema schema = new Schema();
    private final SalesforceRecordStore store = new SalesforceRecordStore(schema, new SalesforceDataGenerator(settings, Instant.parse("2025-01-01T00:00:00Z")));
    private final RecordWriter writer = new RecordWriter(store, new SandboxClock(Instant.parse("2025-01-01T00:00:00Z"), true),
            new ValidationRules(), new SalesforceCounters());
    private final QueryService queries = new QueryService(store, 2000);

    private String account(String name, String stage, Double health) {
        SalesforceRecordStore.Txn txn = new SalesforceRecordStore.Txn();
        Map<String, Object> fields = new java.util.HashMap<>();
        fields.put("Name", name);
        fields.put("Stage__c", stage);
        fields.put("Healthscore__c", health);
        String id = writer.create(schema.object("Account"), fields, RecordWriter.Mode.control(null), txn);
        txn.commit();
        return id;
    }

    private List<String> names(String soql) {
        List<String> out = new ArrayList<>();
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> records = (List<Map<String, Object>>) queries.query(soql, false, "56.0", null).get("records");
        records.forEach(r -> out.add((String) r.get("Name")));
        return out;
    }

    @Test
    void evaluatesOperatorsNullsAndOrdering() {
        account("O'Brien & Sons", "Adoption", 10.0);
        account("100% Pure", "Churned", null);
        account("Alpha", "Adoption", 90.0);
        account("beta", null, 50.0);

        assertThat(names("SELECT Name FROM Account WHERE Name = 'O\\'Brien & Sons'")).containsExactly("O'Brien & Sons");
        assertThat(names("SELECT Name FROM Account WHERE Name LIKE '100\\% %'")).containsExactly("100% Pure");
        assertThat(names("SELECT Name FROM Account WHERE NOT Name LIKE 'b%' AND Name NOT LIKE '1%' ORDER BY Name"))
                .containsExactly("Alpha", "O'Brien & Sons");
        assertThat(names("SELECT Name FROM Account WHERE Stage__c <> 'Adoption' ORDER BY Name"))
                .as("!= keeps nulls").containsExactly("100% Pure", "beta");
        assertThat(names("SELECT Name FROM Account WHERE Healthscore__c > 20")).containsExactly("Alpha", "beta");
        assertThat(names("SELECT Name FROM Account ORDER BY Healthscore__c")).containsExactly(
                "100% Pure", "O'Brien & Sons", "beta", "Alpha");
        assertThat(names("SELECT Name FROM Account ORDER BY Healthscore__c DESC")).containsExactly(
                "Alpha", "beta", "O'Brien & Sons", "100% Pure");
        assertThat(names("SELECT Name FROM Account ORDER BY Healthscore__c ASC NULLS LAST")).containsExactly(
                "O'Brien & Sons", "beta", "Alpha", "100% Pure");
        assertThat(names("SELECT Name FROM Account ORDER BY Stage__c DESC NULLS FIRST, Name")).containsExactly(
                "beta", "100% Pure", "Alpha", "O'Brien & Sons");
        assertThat(names("SELECT Account.Name FROM Account WHERE (Stage__c = 'Adoption' OR Stage__c = null)"
                + " AND Healthscore__c >= 50 ORDER BY Name DESC LIMIT 1")).containsExactly("beta");
        assertThat(names("select name from account where name in ('ALPHA', 'Beta') order by name"))
                .as("keywords, names and text comparisons are case-insensitive").containsExactly("Alpha", "beta");
    }

    @Test
    void reportsErrorPositionsOnTheRightRowAndColumn() {
        assertThatThrownBy(() -> queries.query("SELECT Id\nFROM Account\nWHERE Nmae = 'x'", false, "56.0", null))
                .isInstanceOfSatisfying(ApiError.class, e -> {
                    assertThat(e.errorCode()).isEqualTo("INVALID_FIELD");
                    assertThat(e.getMessage()).startsWith("\nWHERE Nmae = 'x'\n      ^\nERROR at Row:3:Column:7\n"
                            + "No such column 'Nmae' on entity 'Account'.");
                });
        assertThatThrownBy(() -> queries.query("SELECT Id FROM Account WHERE Healthscore__c > null", false, "56.0", null))
                .isInstanceOfSatisfying(ApiError.class,
                        e -> assertThat(e.errorCode()).isEqualTo("INVALID_QUERY_FILTER_OPERATOR"));
        assertThatThrownBy(() -> queries.query("SELECT Id FROM Account WHERE IsDeleted = 'true'", false, "56.0", null))
                .isInstanceOfSatisfying(ApiError.class, e -> assertThat(e.getMessage())
                        .endsWith("must be of type boolean and should not be enclosed in quotes"));
        assertThatThrownBy(() -> queries.query("SELECT Id FROM Account WHERE Id IN (SELECT Name FROM Account)",
                false, "56.0", null)).isInstanceOfSatisfying(ApiError.class,
                        e -> assertThat(e.errorCode()).isEqualTo("INVALID_FIELD"));
        assertThatThrownBy(() -> queries.query("SELECT Id FROM Account WHERE Healthscore__c LIKE '5%'", false, "56.0", null))
                .isInstanceOfSatisfying(ApiError.class,
                        e -> assertThat(e.errorCode()).isEqualTo("INVALID_QUERY_FILTER_OPERATOR"));
    }
}
