package io.custsync.sandbox.salesforce;

import static io.custsync.sandbox.salesforce.SandboxHttp.V;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.custsync.sandbox.common.Faults;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class LimitsFaultsAndControlTest {

    private final SalesforceSettings settings = new SalesforceSettings().dailyApiRequestLimit(50)
            .clockStart(Instant.parse("2025-01-01T10:00:00Z")).clockFrozen(true);
    private SalesforceSandbox sandbox;
    private SandboxHttp http;

    @BeforeEach
    void start() throws Exception {
        sandbox = new SalesforceSandbox(settings).start();
        http = new SandboxHttp(sandbox).login(settings);
    }

    @AfterEach
    void stop() {
        sandbox.close();
    }

    @Test
    void everyApiResponseCarriesTheUsageHeaderAndLimitsReportsIt() {
        assertThat(http.query("SELECT Id FROM User").header("Sforce-Limit-Info")).isEqualTo("api-usage=1/50");
        assertThat(http.get(V + "/sobjects/Account/nope").header("Sforce-Limit-Info")).isEqualTo("api-usage=2/50");
        JsonNode limits = http.get(V + "/limits").json();
        assertThat(limits.get("DailyApiRequests").get("Max").asLong()).isEqualTo(50);
        assertThat(limits.get("DailyApiRequests").get("Remaining").asLong()).isEqualTo(47);
        assertThat(sandbox.control().counters().apiCalls()).containsEntry("GET query", 1L)
                .containsEntry("GET sobject-get", 1L).containsEntry("GET limits", 1L);
    }

    @Test
    void exhaustedDailyLimitAnswers403UntilTheNextDay() {
        sandbox.control().setRemainingDailyApiRequests(1);
        assertThat(http.get(V + "/limits").status()).isEqualTo(200);
        SandboxHttp.Response r = http.query("SELECT Id FROM Account");
        assertThat(r.status()).isEqualTo(403);
        assertThat(r.body()).isEqualTo("[{\"message\":\"TotalRequests Limit exceeded.\",\"errorCode\":\"REQUEST_LIMIT_EXCEEDED\"}]");
        assertThat(r.header("Sforce-Limit-Info")).isEqualTo("api-usage=50/50");
        assertThat(sandbox.control().counters().events("limitExceeded")).isEqualTo(1);

        sandbox.control().advanceClock(Duration.ofHours(14));
        http.login(settings);
        assertThat(http.query("SELECT Id FROM Account").status()).isEqualTo(200);
        assertThat(sandbox.control().remainingDailyApiRequests()).isEqualTo(49);
    }

    @Test
    void statusFaultFiresOnTheNthMatchingRequestOnly() {
        sandbox.control().addFault(Faults.on("*", "/services/data/*/query").status(503).nth(2));
        assertThat(http.query("SELECT Id FROM User").status()).isEqualTo(200);
        SandboxHttp.Response faulted = http.query("SELECT Id FROM User");
        assertThat(faulted.status()).isEqualTo(503);
        assertThat(faulted.json().get(0).get("errorCode").asText()).isEqualTo("SERVER_UNAVAILABLE");
        assertThat(http.query("SELECT Id FROM User").status()).isEqualTo(200);
        assertThat(http.get(V + "/limits").status()).as("other paths unaffected").isEqualTo(200);
        assertThat(sandbox.control().remainingDailyApiRequests()).as("faults are not counted").isEqualTo(47);
    }

    @Test
    void faultsCanFireForTheNextKOrByProbability() {
        sandbox.control().addFault(Faults.on("PATCH", "/services/**").status(500).times(2));
        String path = V + "/sobjects/Account/" + sandbox.control().idOf("Account", 0);
        assertThat(http.patch(path, "{\"Profile__c\":\"SMB\"}").status()).isEqualTo(500);
        assertThat(http.patch(path, "{\"Profile__c\":\"SMB\"}").json().get(0).get("errorCode").asText())
                .isEqualTo("UNKNOWN_EXCEPTION");
        assertThat(http.patch(path, "{\"Profile__c\":\"SMB\"}").status()).isEqualTo(204);
        sandbox.control().clearFaults();

        sandbox.control().addFault(Faults.on("*", "/services/**").status(503).probability(0.5));
        int faulted = 0;
        for (int i = 0; i < 40; i++) {
            if (http.get(V + "/limits").status() == 503) {
                faulted++;
            }
        }
        assertThat(faulted).isBetween(8, 32);
    }

    @Test
    void latencyMalformedJsonAndConnectionResetFaults() {
        sandbox.control().addFault(Faults.on("*", "/services/data/*/limits").latency(400).times(1));
        long t0 = System.nanoTime();
        assertThat(http.get(V + "/limits").status()).isEqualTo(200);
        assertThat((System.nanoTime() - t0) / 1_000_000).isGreaterThanOrEqualTo(400);

        sandbox.control().addFault(Faults.on("*", "**/query").malformed().times(1));
        SandboxHttp.Response broken = http.query("SELECT Id FROM User");
        assertThat(broken.status()).isEqualTo(200);
        assertThatThrownBy(() -> SandboxHttp.JSON.readTree(broken.body())).isInstanceOf(IOException.class);

        // java.net.http retries an idempotent GET once when the connection drops, so drop it twice.
        Faults.Rule reset = sandbox.control().addFault(Faults.on("*", "**/query").reset().times(2));
        assertThatThrownBy(() -> http.query("SELECT Id FROM User")).hasRootCauseInstanceOf(IOException.class);
        assertThat(reset.fired()).isEqualTo(2);
        assertThat(http.query("SELECT Id FROM User").status()).isEqualTo(200);
        assertThat(sandbox.control().counters().events("fault")).isEqualTo(3);
    }

    @Test
    void aPoisonedFieldIsServedWronglyInQueryAnswersOnlyAndCanBeCured() {
        SandboxHttp control = new SandboxHttp(sandbox);
        String id = sandbox.control().idOf("Account", 2);
        String soql = "SELECT Id, Name, SystemModstamp FROM Account WHERE Id = '" + id + "'";
        String real = http.query(soql).json().at("/records/0/SystemModstamp").asText();
        assertThat(control.send(json("POST", "/_sandbox/poison", "{\"id\":\"" + id + "\",\"field\":\"SystemModstamp\",\"value\":\"not a date\"}"))
                .status()).isEqualTo(201);
        JsonNode served = http.query(soql).json().at("/records/0");
        assertThat(served.get("SystemModstamp").asText()).isEqualTo("not a date");
        assertThat(served.has("Name")).isTrue();
        assertThat(http.query("SELECT Id, Name FROM Account WHERE Id = '" + id + "'").json().at("/records/0").has("SystemModstamp"))
                .as("a field the query did not select stays out").isFalse();
        assertThat(control.send(json("DELETE", "/_sandbox/poison/" + id, null)).status()).isEqualTo(204);
        assertThat(http.query(soql).json().at("/records/0/SystemModstamp").asText()).isEqualTo(real);
    }

    @Test
    void controlApiOverHttpDrivesTheSameLevers() {
        SandboxHttp control = new SandboxHttp(sandbox);
        SandboxHttp.Response created = control.send(json("POST", "/_sandbox/records/Account",
                "{\"fields\":{\"Name\":\"Backdated\",\"Customer_ID__c\":\"BACK-1\"},\"modifiedAt\":\"2024-12-24T12:00:00Z\"}"));
        assertThat(created.status()).isEqualTo(201);
        String id = created.json().get("id").asText();
        JsonNode rec = control.get("/_sandbox/records/Account/" + id).json();
        assertThat(rec.get("SystemModstamp").asText()).isEqualTo("2024-12-24T12:00:00.000+0000");
        assertThat(rec.get("CreatedDate").asText()).isEqualTo("2024-12-24T12:00:00.000+0000");

        assertThat(control.send(json("PATCH", "/_sandbox/records/Account/" + id,
                "{\"fields\":{\"Stage__c\":\"Expansion\"},\"modifiedAt\":\"2024-12-25T00:00:00Z\"}")).status()).isEqualTo(204);
        assertThat(http.query("SELECT Stage__c, LastModifiedDate FROM Account WHERE Customer_ID__c = 'BACK-1'").json()
                .get("records").get(0).get("LastModifiedDate").asText()).isEqualTo("2024-12-25T00:00:00.000+0000");
        assertThat(control.send(json("DELETE", "/_sandbox/records/Account/" + id + "?modifiedAt=2024-12-26T00:00:00Z",
                null)).status()).isEqualTo(204);
        assertThat(sandbox.control().record(id)).containsEntry("IsDeleted", true);

        JsonNode clock = control.send(json("POST", "/_sandbox/clock", "{\"advance\":1.5}")).json();
        assertThat(clock.get("now").asText()).isEqualTo("2025-01-01T10:00:01.500+0000");

        control.send(json("POST", "/_sandbox/limits", "{\"remaining\":7}"));
        assertThat(sandbox.control().remainingDailyApiRequests()).isEqualTo(7);

        control.send(json("POST", "/_sandbox/validation-rules", "{\"sobject\":\"Account\",\"field\":\"Profile__c\","
                + "\"value\":\"Banned\",\"message\":\"No banned profiles\"}"));
        assertThat(http.patch(V + "/sobjects/Account/" + sandbox.control().idOf("Account", 1),
                "{\"Profile__c\":\"Banned\"}").json().get(0).get("errorCode").asText())
                .isEqualTo("FIELD_CUSTOM_VALIDATION_EXCEPTION");

        control.send(json("POST", "/_sandbox/faults", "{\"kind\":\"status\",\"status\":503,\"path\":\"**/limits\",\"nth\":1}"));
        assertThat(http.get(V + "/limits").status()).isEqualTo(503);

        control.send(json("POST", "/_sandbox/sessions/expire", "{}"));
        assertThat(http.get(V + "/limits").status()).isEqualTo(401);
        control.send(json("POST", "/_sandbox/refresh-token/revoke", "{}"));
        assertThatThrownBy(() -> http.login(settings)).hasMessageContaining("invalid_grant");
        control.send(json("POST", "/_sandbox/refresh-token/restore", "{}"));
        http.login(settings);

        JsonNode counters = control.get("/_sandbox/counters").json();
        assertThat(counters.get("writes").get("Account").asLong()).isEqualTo(3);
        assertThat(counters.get("logins").get("refresh_token.failure").asLong()).isEqualTo(1);
        assertThat(control.send(json("DELETE", "/_sandbox/counters", null)).status()).isEqualTo(200);
        assertThat(sandbox.control().counters().totalApiCalls()).isZero();
        JsonNode state = control.get("/_sandbox").json();
        assertThat(state.get("records").get("Account").asInt()).isEqualTo(41);
        assertThat(control.send(json("POST", "/_sandbox/records/Nope", "{\"fields\":{}}")).status()).isEqualTo(400);
    }

    private HttpRequest.Builder json(String method, String path, String body) {
        return HttpRequest.newBuilder(URI.create(sandbox.baseUrl() + path)).header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
    }
}
