package io.custsync.ops.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.custsync.TestService;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.apache.camel.ServiceStatus;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Jolokia (behind the console) decides on the request it parsed, for the caller's role: a viewer reads, lists,
 * searches and asks the version; the admin also runs an explicit list of operations; nobody writes, proxies,
 * dumps the heap or runs an endpoint through the Camel context. Every spelling, both paths, both roles.
 */
class JolokiaAccessTest {

    static final String ROUTE = "org.apache.camel:context=intercom-crm-sync,type=routes,name=\\\"intercom-call\\\"";
    static final String CONTEXT = "org.apache.camel:context=intercom-crm-sync,type=context,name=\\\"intercom-crm-sync\\\"";
    static final List<String> PATHS = List.of("/actuator/jolokia", "/actuator/hawtio/jolokia");

    static TestService service;

    @BeforeAll
    static void start() {
        service = TestService.start(TestService.newStoreDir());
    }

    @AfterAll
    static void stop() {
        service.close();
    }

    static Stream<Arguments> everyRoleOnEveryPath() {
        return Stream.of(TestService.VIEWER, TestService.ADMIN).flatMap(role -> PATHS.stream().map(path -> Arguments.of(role, path)));
    }

    static String password(String role) {
        return role.equals(TestService.ADMIN) ? TestService.ADMIN_PASSWORD : TestService.VIEWER_PASSWORD;
    }

    static HttpResponse<String> post(String role, String path, String body) {
        return Client.jolokia(service, path, role, password(role), body);
    }

    /** Refused: by HTTP status, or (Jolokia answers each request of a bulk on its own) by the request's status. */
    static void assertRefused(HttpResponse<String> response) {
        assertThat(response.statusCode() == 403 || response.body().replace(" ", "").startsWith("{\"status\":403")
                || response.body().replace(" ", "").contains("\"status\":403"))
                .as("refused: %s %s", response.statusCode(), response.body()).isTrue();
        assertThat(response.body()).doesNotContain("\"status\":200");
    }

    static long runs(String flow) {
        return service.count("SELECT count(*) FROM sync_runs WHERE flow = ?", flow);
    }

    static String exec(String mbean, String operation, String arguments) {
        return "{\"type\":\"exec\",\"mbean\":\"" + mbean + "\",\"operation\":\"" + operation + "\""
                + (arguments == null ? "" : ",\"arguments\":" + arguments) + "}";
    }

    /** What was seen: the operation in the URL, spelled so a string match misses it, started a run as the viewer. */
    @Nested
    class DecidedOnTheParsedRequest {

        @ParameterizedTest
        @MethodSource("io.custsync.ops.security.JolokiaAccessTest#everyRoleOnEveryPath")
        void noSpellingOfAGetRunsAFlow(String role, String path) {
            long before = runs("intercom-tickets");
            for (String spelling : List.of("/?p=/exec/io.custsync:type=SyncFlows/runNow/intercom-tickets",
                    "?p=/exec/io.custsync:type=SyncFlows/runNow/intercom-tickets",
                    "/%65xec/io.custsync:type=SyncFlows/runNow/intercom-tickets",
                    "/EXEC/io.custsync:type=SyncFlows/runNow/intercom-tickets",
                    "/exec/io.custsync:type=SyncFlows/runNow/intercom-tickets",
                    "/read/java.lang:type=Memory/HeapMemoryUsage")) {
                HttpResponse<String> response = Client.get(service, path + spelling, role, password(role));
                // Jolokia answers POST only: every GET is refused outright, whoever sends it.
                assertThat(response.statusCode()).as(spelling).isEqualTo(403);
                assertThat(response.body()).as(spelling).doesNotContain("started");
            }
            assertThat(runs("intercom-tickets")).isEqualTo(before);
        }

        @ParameterizedTest
        @MethodSource("io.custsync.ops.security.JolokiaAccessTest#everyRoleOnEveryPath")
        void theCamelContextSendsToNoEndpointForAnyone(String role, String path) {
            String table = "pwned_" + role + "_" + path.length();
            String sql = "[\"jdbc:dataSource\",\"CREATE TABLE " + table + " (x int)\"]";
            for (String operation : List.of("requestBody(java.lang.String,java.lang.Object)", "requestBody",
                    "sendBody(java.lang.String,java.lang.Object)", "sendStringBody(java.lang.String,java.lang.String)",
                    "requestStringBody(java.lang.String,java.lang.String)")) {
                assertRefused(post(role, path, exec(CONTEXT, operation, sql)));
            }
            assertThat(service.count("SELECT count(*) FROM pg_tables WHERE tablename = ?", table)).isZero();
        }

        @ParameterizedTest
        @MethodSource("io.custsync.ops.security.JolokiaAccessTest#everyRoleOnEveryPath")
        void writesNotificationsProxiesAndOddTypesAreRefused(String role, String path) {
            assertRefused(post(role, path, "{\"type\":\"write\",\"mbean\":\"java.lang:type=Memory\",\"attribute\":\"Verbose\",\"value\":true}"));
            assertRefused(post(role, path, "{\"type\":\"notification\",\"command\":\"register\"}"));
            assertRefused(post(role, path, "{\"type\":\"read\",\"mbean\":\"java.lang:type=Memory\","
                    + "\"target\":{\"url\":\"service:jmx:rmi:///jndi/rmi://127.0.0.1:1099/jmxrmi\"}}"));
            // However the type is spelled, it is the exec Jolokia parsed that is decided: the viewer's is refused.
            HttpResponse<String> upperCase = post(role, path, exec("io.custsync:type=SyncFlows", "runNow", "[\"intercom-tickets\"]")
                    .replace("\"exec\"", "\"EXEC\""));
            if (role.equals(TestService.VIEWER)) {
                assertRefused(upperCase);
            } else {
                assertThat(upperCase.body()).contains("\"status\":200").contains("intercom-tickets");
            }
        }

        @ParameterizedTest
        @ValueSource(strings = {"/actuator/jolokia", "/actuator/hawtio/jolokia"})
        void theViewerReadsListsSearchesAndAsksTheVersionButRunsNothing(String path) {
            String viewer = TestService.VIEWER;
            assertThat(post(viewer, path, "{\"type\":\"version\"}").body()).contains("\"status\":200").contains("\"agent\"");
            assertThat(post(viewer, path, "{\"type\":\"read\",\"mbean\":\"" + ROUTE + "\",\"attribute\":[\"State\",\"ExchangesTotal\"]}").body())
                    .contains("\"status\":200").contains("\"State\":\"Started\"");
            assertThat(post(viewer, path, "{\"type\":\"search\",\"mbean\":\"org.apache.camel:type=routes,*\"}").body())
                    .contains("\"status\":200").contains("intercom-call");
            assertThat(post(viewer, path, "{\"type\":\"list\",\"path\":\"io.custsync\"}").body())
                    .contains("\"status\":200").contains("runNow");

            long before = runs("intercom-tickets");
            assertRefused(post(viewer, path, exec("io.custsync:type=SyncFlows", "runNow", "[\"intercom-tickets\"]")));
            assertRefused(post(viewer, path, exec("io.custsync:type=SyncFlows", "runNow(java.lang.String)", "[\"intercom-tickets\"]")));
            assertRefused(post(viewer, path, exec("io.custsync:name=DryRuns", "dryRun", "[\"intercom-tickets\"]")));
            assertRefused(post(viewer, path, exec(ROUTE, "stop()", null)));
            assertRefused(post(viewer, path, exec(ROUTE, "suspend", null)));
            // Each request of a bulk is decided on its own: the read passes, the exec does not.
            HttpResponse<String> bulk = post(viewer, path, "[{\"type\":\"read\",\"mbean\":\"java.lang:type=Memory\",\"attribute\":\"HeapMemoryUsage\"},"
                    + exec("io.custsync:type=SyncFlows", "runNow", "[\"intercom-tickets\"]") + "]");
            assertThat(bulk.body()).contains("\"status\":200").contains("\"status\":403");
            assertThat(runs("intercom-tickets")).isEqualTo(before);
            assertThat(service.camel().getRouteController().getRouteStatus("intercom-call")).isEqualTo(ServiceStatus.Started);
        }

        @ParameterizedTest
        @ValueSource(strings = {"/actuator/jolokia", "/actuator/hawtio/jolokia"})
        void theAdminStopsStartsSuspendsAndResumesARouteAndRunsAFlow(String path) {
            String admin = TestService.ADMIN;
            assertThat(post(admin, path, exec(ROUTE, "stop()", null)).body()).contains("\"status\":200");
            assertThat(service.camel().getRouteController().getRouteStatus("intercom-call")).isEqualTo(ServiceStatus.Stopped);
            assertThat(post(admin, path, exec(ROUTE, "start", null)).body()).contains("\"status\":200");
            assertThat(service.camel().getRouteController().getRouteStatus("intercom-call")).isEqualTo(ServiceStatus.Started);
            assertThat(post(admin, path, exec(ROUTE, "suspend()", null)).body()).contains("\"status\":200");
            assertThat(service.camel().getRouteController().getRouteStatus("intercom-call")).isIn(ServiceStatus.Suspended, ServiceStatus.Stopped);
            assertThat(post(admin, path, exec(ROUTE, "resume()", null)).body()).contains("\"status\":200");
            assertThat(service.camel().getRouteController().getRouteStatus("intercom-call")).isEqualTo(ServiceStatus.Started);

            long before = runs("intercom-tickets");
            assertThat(post(admin, path, exec("io.custsync:type=SyncFlows", "runNow", "[\"intercom-tickets\"]")).body())
                    .contains("\"status\":200").contains("started intercom-tickets");
            assertThat(runs("intercom-tickets")).isEqualTo(before + 1);
            // A dry run of a flow that only reads answers at once: the operation ran, and said why it did nothing.
            assertThat(post(admin, path, exec("io.custsync:name=DryRuns", "dryRun(java.lang.String)", "[\"intercom-tickets\"]")).body())
                    .contains("\"status\":200").contains("not-an-output-flow");
            // Anything else on those MBeans, or another operation of a route, is not on the list.
            assertRefused(post(admin, path, exec(ROUTE, "remove()", null)));
            assertRefused(post(admin, path, exec(ROUTE, "reset()", null)));
            assertRefused(post(admin, path, exec(ROUTE, "dumpRouteAsXml()", null)));
            assertRefused(post(admin, path, exec(CONTEXT, "stop()", null)));
        }
    }

    /** What was seen: a read-only list matched by name prefix let the viewer write a heap dump holding every secret. */
    @Nested
    class NoDiagnosticsForAnyone {

        @ParameterizedTest
        @MethodSource("io.custsync.ops.security.JolokiaAccessTest#everyRoleOnEveryPath")
        void heapDumpsFlightRecordingsAndJvmWritesAreRefused(String role, String path) throws Exception {
            Path dump = Path.of("target", "pwned-" + role + "-" + path.length() + ".hprof").toAbsolutePath();
            String file = "\"" + dump.toString().replace("\\", "\\\\") + "\"";
            assertRefused(post(role, path, exec("com.sun.management:type=HotSpotDiagnostic", "dumpHeap", "[" + file + ",true]")));
            assertRefused(post(role, path, exec("com.sun.management:type=HotSpotDiagnostic", "dumpHeap(java.lang.String,boolean)",
                    "[" + file + ",false]")));
            assertRefused(post(role, path, exec("com.sun.management:type=DiagnosticCommand", "gcHeapDump", "[[" + file + "]]")));
            assertRefused(post(role, path, exec("com.sun.management:type=HotSpotDiagnostic", "setVMOption",
                    "[\"HeapDumpOnOutOfMemoryError\",\"true\"]")));
            assertRefused(post(role, path, exec("jdk.management.jfr:type=FlightRecorder", "newRecording", null)));
            assertRefused(post(role, path, exec("java.lang:type=Memory", "gc", null)));
            assertRefused(post(role, path, exec("java.lang:type=Threading", "dumpAllThreads", "[true,true]")));
            assertRefused(post(role, path, exec("java.util.logging:type=Logging", "setLoggerLevel", "[\"\",\"OFF\"]")));
            assertRefused(post(role, path, "{\"type\":\"write\",\"mbean\":\"java.lang:type=Threading\","
                    + "\"attribute\":\"ThreadCpuTimeEnabled\",\"value\":false}"));
            assertThat(dump).doesNotExist();
            assertThat(Files.exists(Path.of(dump + ".gz"))).isFalse();
        }

        @ParameterizedTest
        @ValueSource(strings = {"/actuator/jolokia", "/actuator/hawtio/jolokia"})
        void operationsNamedLikeReadsAreStillOperations(String path) {
            for (String op : List.of("dumpRouteAsXml()", "getExchangesTotal", "dumpStatsAsXml(boolean)", "isStartable", "browse")) {
                assertRefused(post(TestService.VIEWER, path, exec(ROUTE, op, op.contains("boolean") ? "[true]" : null)));
            }
        }

        @ParameterizedTest
        @ValueSource(strings = {TestService.VIEWER, TestService.ADMIN})
        void nothingAnyoneCanReadShowsASecret(String role) {
            HttpResponse<String> everything = post(role, "/actuator/jolokia",
                    "{\"type\":\"read\",\"mbean\":\"*:*\",\"config\":{\"ignoreErrors\":true,\"maxDepth\":6,\"maxCollectionSize\":2000}}");
            assertThat(everything.body()).contains("\"status\":200").contains("HeapMemoryUsage");
            String token = service.intercomSandbox().settings().tokens.get(0);
            assertThat(everything.body()).doesNotContain(token).doesNotContain(TestService.ADMIN_PASSWORD)
                    .doesNotContain(TestService.VIEWER_PASSWORD);
        }
    }
}
