package io.custsync.mapping;

import io.custsync.sync.Flow;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.custsync.TestService;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MappingsTest {

    private static Mappings parse(String yaml) {
        return Mappings.parse("test-mappings.yaml", new StringReader(yaml));
    }

    @Test
    void theShippedFileIsValidAndSaysWhichFlowsRun() {
        Mappings shipped = Mappings.load(Path.of("config/mappings.yaml"));
        assertThat(shipped.mode("customers", "salesforce")).isEqualTo(Mode.INPUT);
        assertThat(Flow.INTERCOM_CONTACTS.enabledBy(shipped)).isTrue();
        assertThat(Flow.INTERCOM_CONTACTS_PUSH.enabledBy(shipped)).isFalse();
        assertThat(Flow.HEALTHSCORE_PUSH.enabledBy(shipped)).isTrue();
    }

    @Test
    void modesDecideWhichDirectionsRun() {
        Mappings m = parse("""
                objects:
                  customers:
                    intercom: { mode: two-way }
                    salesforce: { mode: output }
                  contacts:
                    intercom: { mode: input }
                """);
        assertThat(Flow.INTERCOM_COMPANIES.enabledBy(m)).isTrue();
        assertThat(Flow.INTERCOM_COMPANIES_PUSH.enabledBy(m)).isTrue();
        assertThat(Flow.SALESFORCE_ACCOUNTS.enabledBy(m)).isFalse();
        assertThat(Flow.SALESFORCE_ACCOUNTS_PUSH.enabledBy(m)).isTrue();
        assertThat(Flow.INTERCOM_CONTACTS.enabledBy(m)).isTrue();
        assertThat(Flow.INTERCOM_CONTACTS_PUSH.enabledBy(m)).isFalse();
        // Objects left out are not synced at all.
        assertThat(m.mode("tickets", "intercom")).isEqualTo(Mode.DISABLED);
        assertThat(Flow.INTERCOM_TICKETS.enabledBy(m)).isFalse();
    }

    @Test
    void defaultsFillWhatTheFileLeavesOut() {
        Mappings m = parse("objects: { interactions: { intercom: { mode: input } } }");
        assertThat(m.firstPullDays("interactions")).isEqualTo(30);
        assertThat(m.interactions().knownCustomersOnly()).isTrue();
        assertThat(m.fieldOf("customers", "salesforce", "domain")).isEqualTo("Website");
        assertThat(m.isMapped("customers", "salesforce", "stage")).isFalse();
        assertThat(m.roleTag(Mappings.Role.KEY_USER).intercomTag()).isEqualTo("Key user");
        assertThat(m.intercomPush("contacts")).isEqualTo(new Mappings.IntercomPush(Mappings.Behaviour.UPDATE_OR_CREATE, true, "email", false));
        assertThat(m.healthscore().csmPulseOptions()).containsExactly("green", "yellow", "red");
    }

    @Test
    void anUnknownModeNamesTheLineTheKeyPathAndTheAllowedValues() {
        assertThatThrownBy(() -> parse("""
                objects:
                  contacts:
                    intercom:
                      mode: inbound
                """))
                .isInstanceOf(MappingsException.class)
                .hasMessageContaining("test-mappings.yaml")
                .hasMessageContaining("line 4, objects.contacts.intercom.mode: unknown mode 'inbound' (allowed: input, two-way, output, disabled)");
    }

    @Test
    void aModeTheObjectCannotTakeIsRefused() {
        assertThatThrownBy(() -> parse("objects: { tickets: { intercom: { mode: two-way } } }"))
                .hasMessageContaining("objects.tickets.intercom.mode: unknown mode 'two-way' (allowed: input, disabled)");
    }

    @Test
    void anUnknownObjectAndAnUnknownFieldAreBothReported() {
        assertThatThrownBy(() -> parse("""
                objects:
                  accounts:
                    salesforce: { mode: input }
                  customers:
                    salesforce:
                      fields:
                        domian: Website
                """))
                .isInstanceOf(MappingsException.class)
                .hasMessageContaining("line 2, objects.accounts: unknown object 'accounts' (allowed: customers, contacts, interactions, tickets, healthscore)")
                .hasMessageContaining("line 7, objects.customers.salesforce.fields.domian: unknown field 'domian' (allowed: customer-id, name, domain, csm-owner, stage, profile)");
    }

    @Test
    void wrongValueTypesAreReported() {
        assertThatThrownBy(() -> parse("""
                objects:
                  interactions:
                    intercom:
                      first-pull-days: lots
                      known-customers-only: maybe
                """))
                .hasMessageContaining("line 4, objects.interactions.intercom.first-pull-days: expected a whole number from 1 to 3650, got 'lots'")
                .hasMessageContaining("line 5, objects.interactions.intercom.known-customers-only: expected true or false, got 'maybe'");
    }

    @Test
    void salesforceModesMustBeDisabledWhenIntercomIsTheCrm() {
        assertThatThrownBy(() -> parse("""
                crm: intercom
                objects:
                  customers:
                    salesforce: { mode: input }
                """))
                .hasMessageContaining("objects.customers.salesforce.mode: must be disabled when crm is intercom");
    }

    @Test
    void brokenYamlNamesTheLine() {
        assertThatThrownBy(() -> parse("objects:\n  customers: [\n"))
                .isInstanceOf(MappingsException.class)
                .hasMessageContaining("test-mappings.yaml")
                .hasMessageContaining("not valid YAML");
    }

    @Test
    void aBrokenMappingFileStopsStartUpNamingTheFile() throws Exception {
        Path dir = TestService.newStoreDir();
        Files.createDirectories(dir);
        Path file = dir.resolve("bad-mappings.yaml");
        Files.writeString(file, "objects:\n  customers:\n    intercom:\n      mode: sideways\n");
        Map<String, Object> props = TestService.defaults(dir);
        props.put("sync.mappings", file.toString());
        assertThatThrownBy(() -> TestService.start(props))
                .isInstanceOf(MappingsException.class)
                .hasMessageContaining(file.toString())
                .hasMessageContaining("line 4, objects.customers.intercom.mode: unknown mode 'sideways'");
        // Nothing was started: the store was never created.
        assertThat(dir.resolve("postgres")).doesNotExist();
    }
}
