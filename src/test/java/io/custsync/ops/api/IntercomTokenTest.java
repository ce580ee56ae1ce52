package io.custsync.ops.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.custsync.TestService;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/**
 * {@code PUT /api/connections/intercom/token}: a token is parsed without ever being echoed or logged, must be a
 * string, and replaces the working one only after Intercom accepted it ({@code GET /me}).
 */
@ExtendWith(OutputCaptureExtension.class)
class IntercomTokenTest {

    private static final String PATH = "/api/connections/intercom/token";
    private static TestService service;

    @BeforeAll
    static void start() {
        service = TestService.start(TestService.newStoreDir());
    }

    @AfterAll
    static void stop() {
        service.close();
    }

    private static HttpResponse<String> put(String body) {
        return service.asAdmin("PUT", PATH, body);
    }

    private static String connectionState() {
        return service.asAdmin("POST", "/api/connections/intercom/test", null).body();
    }

    @Test
    void aMalformedBodyIsRefusedWithoutEchoingOrLoggingIt(CapturedOutput output) {
        String secret = "tok_Zq9XvW7kept4us";
        for (String body : new String[] {"{\"token\": " + secret + "}", "{\"token\":\"" + secret, secret, "{\"token\" " + secret + "\"}"}) {
            HttpResponse<String> refused = put(body);
            assertThat(refused.statusCode()).as(body).isEqualTo(400);
            assertThat(refused.body()).as(body).doesNotContain("Zq9XvW7");
        }
        assertThat(output.getAll()).doesNotContain("Zq9XvW7");
        assertThat(connectionState()).contains("\"state\":\"UP\"");
    }

    @Test
    void aTokenMustBeANonEmptyString() {
        for (String body : new String[] {"{\"token\":123}", "{\"token\":true}", "{\"token\":[\"a\"]}", "{\"token\":{\"a\":1}}",
                "{\"token\":null}", "{\"token\":\"  \"}", "{}", "[\"a\"]", "\"a\"", ""}) {
            HttpResponse<String> refused = put(body);
            assertThat(refused.statusCode()).as(body).isEqualTo(400);
            assertThat(refused.body()).as(body).contains("token");
        }
        // The working token was never touched: the flows still reach Intercom with it.
        assertThat(connectionState()).contains("\"state\":\"UP\"");
        assertThat(service.runFlow("intercom-companies")).containsEntry("outcome", "succeeded");
    }

    @Test
    void aTokenIntercomRefusesIsRefusedWithTheReasonAndTheOldOneKeepsWorking(CapturedOutput output) {
        HttpResponse<String> refused = put("{\"token\":\"not-a-token-of-this-workspace\"}");
        assertThat(refused.statusCode()).isEqualTo(422);
        assertThat(refused.body()).contains("401").contains("unauthorized").doesNotContain("not-a-token-of-this-workspace");
        assertThat(connectionState()).contains("\"state\":\"UP\"");
        assertThat(service.runFlow("intercom-companies")).containsEntry("outcome", "succeeded");
        assertThat(output.getAll()).doesNotContain("not-a-token-of-this-workspace");
    }

    @Test
    void aTokenIntercomAcceptsReplacesTheOldOne() {
        String old = service.intercomSandbox().settings().tokens.get(0);
        service.sandbox().addToken("rotated-good-token");
        HttpResponse<String> set = put("{\"token\":\"rotated-good-token\"}");
        assertThat(set.statusCode()).isEqualTo(200);
        assertThat(set.body()).contains("\"state\":\"UP\"").doesNotContain("rotated-good-token");
        // In use from now on: the old token can go.
        service.sandbox().revokeToken(old);
        assertThat(service.runFlow("intercom-companies")).containsEntry("outcome", "succeeded");
        assertThat(connectionState()).contains("\"state\":\"UP\"");
    }
}
