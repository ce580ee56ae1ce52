package io.custsync.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.custsync.sync.FlowPlan.FlowPlanException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

/** What routes/ declares of each flow is what runs: read from the shipped files, and refused when it contradicts the registry. */
class FlowPlanTest {

    private static final String SHIPPED = "file:routes/*.camel.yaml";

    @TempDir
    Path dir;

    @Test
    void theShippedRoutesDeclareEveryFlowOnceWithWhatItWaitsFor() {
        FlowPlan plan = FlowPlan.read(SHIPPED);
        for (Flow flow : Flow.values()) {
            assertThat(plan.of(flow)).as(flow.id()).isPresent();
            assertThat(plan.of(flow).get().file()).endsWith(flow.id() + ".camel.yaml");
        }
        assertThat(plan.waitsFor(Flow.INTERCOM_COMPANIES)).isEmpty();
        assertThat(plan.waitsFor(Flow.INTERCOM_CONVERSATIONS)).containsExactly(Flow.INTERCOM_COMPANIES, Flow.INTERCOM_CONTACTS);
        assertThat(plan.waitsFor(Flow.SALESFORCE_CONTACTS_PUSH)).containsExactly(Flow.SALESFORCE_CONTACTS, Flow.SALESFORCE_ACCOUNTS_PUSH);
        assertThat(plan.waitingOn(Flow.INTERCOM_COMPANIES)).containsExactlyInAnyOrder(Flow.INTERCOM_CONTACTS, Flow.INTERCOM_CONVERSATIONS,
                Flow.INTERCOM_TICKETS, Flow.INTERCOM_COMPANIES_PUSH, Flow.INTERCOM_CONTACTS_PUSH, Flow.HEALTHSCORE_PUSH);
        assertThat(plan.of(Flow.INTERCOM_COMPANIES).get().everyMinutes()).isEqualTo(60);
        assertThat(plan.of(Flow.INTERCOM_CONTACTS).get().everyMinutes()).isEqualTo(15);
    }

    @Test
    void theRouteDeclaresTheDefaultScheduleAndTheSettingsReplaceIt() {
        StandardEnvironment environment = environment(Map.of());
        assertThat(environment.getProperty("sync.flows.intercom-tickets.trigger")).startsWith("trigger.repeatInterval=1800000&");
        assertThat(environment.getProperty("sync.flows.intercom-tickets.schedule")).isEqualTo("every 30 min");
        assertThat(environment.getProperty("sync.flows.intercom-tickets.enabled", Boolean.class)).isTrue();

        environment = environment(Map.of("sync.schedules.intercom-tickets.interval-minutes", "5",
                "sync.schedules.intercom-contacts.cron", "0 0/10 * * * ?"));
        assertThat(environment.getProperty("sync.flows.intercom-tickets.trigger")).startsWith("trigger.repeatInterval=300000&");
        assertThat(environment.getProperty("sync.flows.intercom-contacts.trigger")).startsWith("cron=0+0/10+*+*+*+?&");
        assertThat(environment.getProperty("sync.flows.intercom-contacts.schedule")).isEqualTo("cron 0 0/10 * * * ?");
    }

    @Test
    void aFlowNoRouteCreatesHasNoScheduleAndWaitsForNothing() throws Exception {
        write("other.camel.yaml", """
                - route:
                    id: other
                    from:
                      uri: timer:x
                      steps:
                        - log: "x"
                """);
        FlowPlan plan = FlowPlan.read("file:" + dir + "/*.camel.yaml");
        assertThat(Arrays.stream(Flow.values()).map(plan::of)).allMatch(java.util.Optional::isEmpty);
        assertThat(plan.waitsFor(Flow.INTERCOM_CONTACTS)).isEmpty();
    }

    @Test
    void aDeclarationThatContradictsTheRegistryIsRefusedNamingFileRouteAndParameter() throws Exception {
        write("contacts.camel.yaml", declaration("intercom-contacts", "intercom-contacts", "salesforce", "store",
                "objects.contacts.intercom.mode", "intercom-companies", "15"));
        write("tickets.camel.yaml", declaration("intercom-tickets", "tickets", "intercom", "store",
                "objects.tickets.salesforce.mode", "intercom-comapnies", "0"));
        write("unknown.camel.yaml", declaration("intercom-notes", "intercom-notes", "intercom", "store", "x", "", "5"));
        write("twice.camel.yaml", declaration("intercom-contacts", "intercom-contacts", "intercom", "store",
                "objects.contacts.intercom.mode", "", "15")
                + declaration("intercom-contacts", "intercom-contacts", "intercom", "store", "objects.contacts.intercom.mode", "", "15")
                .replace("# a flow\n", ""));

        FlowPlanException refused = catchThrowableOfType(FlowPlanException.class, () -> FlowPlan.read("file:" + dir + "/*.camel.yaml"));

        assertThat(refused.problems()).anySatisfy(p -> assertThat(p).contains("contacts.camel.yaml, route intercom-contacts: parameter from: 'salesforce', but the flow's from is 'intercom'"));
        assertThat(refused.problems()).anySatisfy(p -> assertThat(p).contains("tickets.camel.yaml, route tickets: routeId must be the flow's id, intercom-tickets"));
        assertThat(refused.problems()).anySatisfy(p -> assertThat(p).contains("tickets.camel.yaml, route tickets: parameter mode: 'objects.tickets.salesforce.mode', but the flow's mode is 'objects.tickets.intercom.mode'"));
        assertThat(refused.problems()).anySatisfy(p -> assertThat(p).contains("tickets.camel.yaml, route tickets: parameter waitsFor: 'intercom-comapnies' is not another flow"));
        assertThat(refused.problems()).anySatisfy(p -> assertThat(p).contains("tickets.camel.yaml, route tickets: parameter every: '0' is not a whole number of minutes"));
        assertThat(refused.problems()).anySatisfy(p -> assertThat(p).contains("unknown.camel.yaml, route intercom-notes: parameter flow: 'intercom-notes' is not a flow the service knows"));
        assertThat(refused.problems()).anySatisfy(p -> assertThat(p).contains("twice.camel.yaml, route intercom-contacts: flow intercom-contacts is already created in"));
    }

    @Test
    void aFlowCannotWaitForItself() throws Exception {
        write("contacts.camel.yaml", declaration("intercom-contacts", "intercom-contacts", "intercom", "store",
                "objects.contacts.intercom.mode", "intercom-contacts", "15"));
        FlowPlanException refused = catchThrowableOfType(FlowPlanException.class, () -> FlowPlan.read("file:" + dir + "/*.camel.yaml"));
        assertThat(refused.problems()).singleElement().asString().contains("parameter waitsFor: 'intercom-contacts' is not another flow");
    }

    private StandardEnvironment environment(Map<String, Object> settings) {
        StandardEnvironment environment = new StandardEnvironment();
        Map<String, Object> properties = new java.util.HashMap<>(settings);
        properties.put("sync.mappings", "config/mappings.yaml");
        properties.put("camel.main.routes-include-pattern", SHIPPED);
        environment.getPropertySources().addFirst(new MapPropertySource("test", properties));
        new FlowsEnvironmentPostProcessor().postProcessEnvironment(environment, null);
        return environment;
    }

    private void write(String name, String text) throws Exception {
        Files.writeString(dir.resolve(name), text);
    }

    private static String declaration(String flow, String routeId, String from, String to, String mode, String waitsFor, String every) {
        return """
                # a flow
                - templatedRoute:
                    routeTemplateRef: some-template
                    routeId: %s
                    parameters:
                      - { name: flow, value: %s }
                      - { name: from, value: %s }
                      - { name: to, value: %s }
                      - { name: mode, value: %s }
                      - { name: waitsFor, value: "%s" }
                      - { name: every, value: %s }
                """.formatted(routeId, flow, from, to, mode, waitsFor, every);
    }
}
