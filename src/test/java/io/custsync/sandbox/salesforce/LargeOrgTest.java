package io.custsync.sandbox.salesforce;

import static io.custsync.sandbox.salesforce.SandboxHttp.V;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The production-sized org (200,000 accounts, 1,000,000 contacts) served from lazily generated rows. */
class LargeOrgTest {

    private static SalesforceSandbox sandbox;
    private static SandboxHttp http;

    @BeforeAll
    static void start() throws Exception {
        SalesforceSettings s = new SalesforceSettings().users(50).accounts(200_000).contacts(1_000_000)
                .clockStart(Instant.parse("2025-01-01T00:00:00Z")).clockFrozen(true);
        sandbox = new SalesforceSandbox(s).start();
        http = new SandboxHttp(sandbox).login(s);
    }

    @AfterAll
    static void stop() {
        sandbox.close();
    }

    @Test
    void countsAndPagesTheWholeOrg() {
        assertThat(http.query("SELECT COUNT() FROM Contact").json().get("totalSize").asInt()).isEqualTo(1_000_000);
        JsonNode page = http.query("SELECT Id, Name FROM Account").json();
        assertThat(page.get("totalSize").asInt()).isEqualTo(200_000);
        assertThat(page.get("records")).hasSize(2000);
        JsonNode next = http.get(page.get("nextRecordsUrl").asText()).json();
        assertThat(next.get("records").get(0).get("Id").asText()).isEqualTo(sandbox.control().idOf("Account", 2000));
    }

    @Test
    void incrementalSyncQueryOverAMillionContactsFindsTheLatestChanges() {
        String last = sandbox.control().idOf("Contact", 999_999);
        sandbox.control().advanceClock(java.time.Duration.ofSeconds(5));
        assertThat(http.patch(V + "/sobjects/Contact/" + last, "{\"Key_User__c\":true}").status()).isEqualTo(204);
        JsonNode r = http.query("SELECT Id, Email, Key_User__c, Account.Customer_ID__c, SystemModstamp FROM Contact"
                + " WHERE SystemModstamp > 2024-12-31T00:00:00Z ORDER BY SystemModstamp DESC, Id LIMIT 2000").json();
        assertThat(r.get("records").get(0).get("Id").asText()).isEqualTo(last);
        assertThat(r.get("records").get(0).get("SystemModstamp").asText()).isEqualTo("2025-01-01T00:00:05.000+0000");
        assertThat(r.get("records").size()).isLessThanOrEqualTo(2000);
        for (JsonNode rec : r.get("records")) {
            assertThat(rec.get("SystemModstamp").asText()).isGreaterThan("2024-12-31T00:00:00.000+0000");
        }
    }

    @Test
    void upsertFindsSeededRowsByExternalIdWithoutAnIndex() {
        JsonNode r = http.patch(V + "/sobjects/Contact/Contact_ID__c/CON-01000000", "{\"Sponsor__c\":true}").json();
        assertThat(r.get("created").asBoolean()).isFalse();
        assertThat(r.get("id").asText()).isEqualTo(sandbox.control().idOf("Contact", 999_999));
        JsonNode a = http.get(V + "/sobjects/Account/Customer_ID__c/CUST-0200000").json();
        assertThat(a.get("Id").asText()).isEqualTo(sandbox.control().idOf("Account", 199_999));
        assertThat(http.get(V + "/sobjects/Account/Customer_ID__c/CUST-0200001").status()).isEqualTo(404);
    }
}
