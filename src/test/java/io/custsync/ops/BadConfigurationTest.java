package io.custsync.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.custsync.TestService;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** A bad setting stops start-up with a message that names it; nothing half-starts. */
class BadConfigurationTest {

    private static String startUpFailure(Map<String, Object> props) {
        Throwable failure = catchThrowable(() -> TestService.start(props));
        assertThat(failure).as("start-up must fail").isNotNull();
        StringBuilder messages = new StringBuilder();
        for (Throwable t = failure; t != null; t = t.getCause()) {
            messages.append(t.getMessage()).append('\n');
        }
        return messages.toString();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "sync.schedules.intercom-contacts.cron|0 0 25 * * ?|sync.schedules.intercom-contacts.cron: '0 0 25 * * ?' is not a valid Quartz cron expression",
            "sync.schedules.intercom-contacts.interval-minutes|soon|sync.schedules.intercom-contacts.interval-minutes: 'soon' is not a whole number of minutes",
            "sync.intercom.base-url|http://127.0.0.1:8089|sync.intercom.base-url (INTERCOM_BASE_URL) is set to http://127.0.0.1:8089 but sync.intercom.access-token (INTERCOM_ACCESS_TOKEN) is not"})
    void aBadSettingIsNamed(String key, String value, String expected) {
        Map<String, Object> props = TestService.defaults(TestService.newStoreDir());
        props.remove("sync.schedules.intercom-contacts.cron");
        props.put(key, value);
        assertThat(startUpFailure(props)).contains(expected);
    }

    @Test
    void aBadRegionIsNamed() {
        Map<String, Object> props = TestService.defaults(TestService.newStoreDir());
        props.put("sync.intercom.access-token", "token");
        props.put("sync.intercom.region", "eu-west");
        assertThat(startUpFailure(props)).contains("sync.intercom.region (INTERCOM_REGION): unknown region 'eu-west' (allowed: us, eu, au)");
    }

    @Test
    void anUnknownModeIsNamedWithTheFileAndLine() throws Exception {
        Path dir = TestService.newStoreDir();
        Files.createDirectories(dir);
        Path mappings = dir.resolve("mappings.yaml");
        Files.writeString(mappings, "objects:\n  tickets:\n    intercom:\n      mode: twoway\n");
        Map<String, Object> props = TestService.defaults(dir);
        props.put("sync.mappings", mappings.toString());
        assertThat(startUpFailure(props)).contains(mappings.toString())
                .contains("line 4, objects.tickets.intercom.mode: unknown mode 'twoway' (allowed: input, disabled)");
    }
}
