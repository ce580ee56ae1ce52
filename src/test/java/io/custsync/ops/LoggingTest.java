package io.custsync.ops;

import static org.assertj.core.api.Assertions.assertThat;

import io.custsync.TestService;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/** One log line per run, JSON on request, and no token anywhere in the output. */
@ExtendWith(OutputCaptureExtension.class)
class LoggingTest {

    @Test
    void runsLogOneJsonLineWithTheirCountsAndTheTokenNeverAppears(CapturedOutput output) {
        Map<String, Object> props = TestService.defaults(TestService.newStoreDir());
        props.put("logging.structured.format.console", "ecs");
        props.put("camel.main.tracing", "true"); // even message tracing must not show the bearer token
        String token;
        try (TestService service = TestService.start(props)) {
            token = service.intercomSandbox().settings().tokens.get(0);
            service.runFlow("intercom-companies");
            service.sandbox().revokeToken(token);
            service.runFlow("intercom-contacts");
            service.asAdmin("POST", "/api/connections/intercom/test", null);
        }
        assertThat(output.getOut()).containsPattern(
                "\\{\"@timestamp\".*\"message\":\"Flow intercom-companies run \\d+ succeeded in \\d+ ms: read=60 written=60 skipped=0 "
                        + "dead-lettered=0 api-calls=\\d+ 429s=0\"");
        // Tracing showed every Intercom call's message (the route and its headers), and none carried the token.
        assertThat(output.getAll()).contains("CamelHttpPath=/companies/scroll").doesNotContain(token)
                .doesNotContain(TestService.ADMIN_PASSWORD);
    }
}
