package io.custsync;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.belongToAnyOf;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Only {@code io.custsync.store} talks to the database: it alone executes SQL (JDBC, Spring's JDBC templates,
 * Camel's jdbc and sql components) and reads the query catalogue; everything else hands it typed rows and gets typed
 * rows back. And the packages depend one way: the Intercom client knows nothing of the sync built on it, nor the
 * sync of the operations built on it.
 */
class StoreBoundaryTest {

    private static final JavaClasses PRODUCT = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.custsync");

    private static final String STORE = "io.custsync.store..";

    /**
     * The one exception: clustered scheduling hands the service's connection pool to Quartz's JDBC job store
     * ({@code javax.sql.DataSource} in, the {@code java.sql.Connection} Quartz's {@code ConnectionProvider} returns).
     * Quartz runs its own statements on its own {@code QRTZ_} tables; no statement of ours runs there.
     */
    private static final DescribedPredicate<JavaClass> QUARTZ_POOL_WIRING = belongToAnyOf(
            io.custsync.ops.cluster.ClusteredSchedulingConfiguration.class, quartzConnectionProvider())
            .as("Quartz's clustered job store wiring (ops.cluster)");

    @Test
    void onlyTheStoreUsesJdbc() {
        noClasses().that(not(resideInAPackage(STORE)).and(not(QUARTZ_POOL_WIRING)))
                .should().dependOnClassesThat().resideInAnyPackage("java.sql..", "javax.sql..")
                .because("the store alone talks to the database")
                .check(PRODUCT);
    }

    @Test
    void onlyTheStoreRunsStatements() {
        noClasses().that().resideOutsideOfPackage(STORE)
                .should().dependOnClassesThat().resideInAnyPackage("org.springframework.jdbc..",
                        "org.apache.camel.component.jdbc..", "org.apache.camel.component.sql..")
                .because("the store alone executes SQL, from its query catalogue, with bound parameters")
                .check(PRODUCT);
    }

    @Test
    void onlyTheStoreReadsTheQueryCatalogue() {
        noClasses().that().resideOutsideOfPackage(STORE)
                .should().dependOnClassesThat().belongToAnyOf(io.custsync.store.QueryCatalogue.class)
                .because("SQL text lives in the catalogue and is run by the store; others ask the store for rows")
                .check(PRODUCT);
    }

    @Test
    void noRouteTalksToTheDatabase() throws IOException {
        Pattern endpoint = Pattern.compile("(?m)^\\s*-?\\s*(to|toD|uri|from):\\s*\"?(jdbc|sql|spring-jdbc):");
        try (Stream<Path> files = Files.list(Path.of("routes"))) {
            List<Path> offending = files.filter(f -> f.toString().endsWith(".yaml")).filter(f -> {
                try {
                    return endpoint.matcher(Files.readString(f)).find();
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }).toList();
            assertThat(offending).as("routes calling a jdbc/sql endpoint instead of a store bean").isEmpty();
        }
    }

    @Test
    void theIntercomClientKnowsNothingOfTheSync() {
        noClasses().that().resideInAPackage("io.custsync.intercom..")
                .should().dependOnClassesThat().resideInAPackage("io.custsync.sync..")
                .because("the client is below the flows: what a call reports to its run goes through intercom.CallCounter")
                .check(PRODUCT);
    }

    @Test
    void invalidUtf8MarksRecordsWithoutTheSyncsRecordReader() {
        noClasses().that().haveFullyQualifiedName("io.custsync.intercom.InvalidUtf8")
                .should().dependOnClassesThat().haveFullyQualifiedName("io.custsync.sync.JsonRecord")
                .because("the mark is the client's (InvalidUtf8.MARK); JsonRecord reads it")
                .check(PRODUCT);
    }

    @Test
    void theSyncKnowsNothingOfOperations() {
        noClasses().that().resideInAPackage("io.custsync.sync..")
                .should().dependOnClassesThat().resideInAPackage("io.custsync.ops..")
                .because("operations fire and watch the flows, not the other way round: a run fires waiting flows through sync.FlowFirer")
                .check(PRODUCT);
    }

    @Test
    void theRulesSeeTheProduct() {
        // A rule over no classes passes whatever it says: the import must hold the packages the rules are about.
        assertThat(PRODUCT.stream().map(JavaClass::getPackageName).distinct())
                .contains("io.custsync.store", "io.custsync.sync", "io.custsync.intercom", "io.custsync.ops");
        assertThat(PRODUCT.that(resideInAnyPackage("io.custsync.sync..")).size()).isGreaterThan(20);
    }

    private static Class<?> quartzConnectionProvider() {
        try {
            return Class.forName("io.custsync.ops.cluster.StoreConnectionProvider");
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(e);
        }
    }
}
