package io.custsync;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideOutsideOfPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static java.util.stream.Collectors.groupingBy;
import static java.util.stream.Collectors.mapping;
import static java.util.stream.Collectors.toList;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Which way the parts of the service depend, checked on the built classes (target/classes: the product and, joined to
 * it, the simulators). The product (everything in {@code io.custsync} but {@code io.custsync.sandbox}) reaches the
 * simulators only through {@code connect.SandboxLauncher}, which {@code sandbox.launch} implements; the simulators
 * themselves know nothing of the product, nor of each other. (The build proves more: src/main/java compiles with no
 * simulator on its path, see pom.xml; a constant the compiler inlines would escape a rule on classes.)
 */
class ArchitectureTest {

    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.custsync");

    private static final String SIMULATORS = "io.custsync.sandbox..";

    @Test
    void theProductDoesNotDependOnTheSimulators() {
        noClasses().that().resideInAPackage("io.custsync..").and().resideOutsideOfPackage(SIMULATORS)
                .should().dependOnClassesThat().resideInAPackage(SIMULATORS)
                .because("the product reaches the simulators only through connect.SandboxLauncher, and builds without them")
                .check(CLASSES);
    }

    @Test
    void theSimulatorsKnowNothingOfTheProduct() {
        noClasses().that().resideInAnyPackage("io.custsync.sandbox.common..", "io.custsync.sandbox.intercom..",
                        "io.custsync.sandbox.salesforce..")
                .should().dependOnClassesThat(resideInAPackage("io.custsync..").and(resideOutsideOfPackage(SIMULATORS))
                        .as("classes of the product"))
                .because("a simulator imitates a service, not this product: only sandbox.launch connects the two")
                .check(CLASSES);
    }

    @Test
    void eachSimulatorStandsAlone() {
        noClasses().that().resideInAPackage("io.custsync.sandbox.intercom..")
                .should().dependOnClassesThat().resideInAPackage("io.custsync.sandbox.salesforce..")
                .because("what the two simulators share lives once, in sandbox.common")
                .check(CLASSES);
        noClasses().that().resideInAPackage("io.custsync.sandbox.salesforce..")
                .should().dependOnClassesThat().resideInAPackage("io.custsync.sandbox.intercom..")
                .because("what the two simulators share lives once, in sandbox.common")
                .check(CLASSES);
    }

    @Test
    void noTwoClassesShareOneSimpleName() {
        classes().that().areTopLevelClasses().and().doNotHaveSimpleName("package-info")
                .should(haveASimpleNameOfTheirOwn())
                .because("a reader (and a stack trace, a log line) names a class by its simple name: one name, one class")
                .check(CLASSES);
    }

    private static ArchCondition<JavaClass> haveASimpleNameOfTheirOwn() {
        Map<String, List<String>> bySimpleName = CLASSES.stream().filter(JavaClass::isTopLevelClass)
                .collect(groupingBy(JavaClass::getSimpleName, mapping(JavaClass::getName, toList())));
        return new ArchCondition<>("have a simple name no other class has") {
            @Override
            public void check(JavaClass type, ConditionEvents events) {
                List<String> named = bySimpleName.get(type.getSimpleName());
                if (named.size() > 1) {
                    events.add(SimpleConditionEvent.violated(type, type.getName() + " shares its simple name with " + named));
                }
            }
        };
    }

    @Test
    void theRulesSeeTheProductAndTheSimulators() {
        // A rule over no classes says nothing: the import must hold both sides of the boundary.
        assertThat(CLASSES.stream().map(JavaClass::getPackageName).distinct())
                .contains("io.custsync.connect", "io.custsync.intercom", "io.custsync.sync", "io.custsync.sandbox.launch",
                        "io.custsync.sandbox.intercom", "io.custsync.sandbox.salesforce");
    }
}
