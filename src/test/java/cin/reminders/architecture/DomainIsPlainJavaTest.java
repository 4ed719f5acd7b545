package cin.reminders.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The domain core stays plain Java: no framework, no I/O stack, so it is tested in milliseconds. */
class DomainIsPlainJavaTest {

    static final JavaClasses MAIN = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("cin.reminders");

    @Test
    void domainDependsOnNoFramework() {
        noClasses().that().resideInAPackage("cin.reminders.domain..")
                .should().dependOnClassesThat().resideInAnyPackage(
                        "io.quarkus..", "jakarta..", "io.vertx..", "io.smallrye..", "org.hibernate..",
                        "org.apache.kafka..", "org.eclipse.microprofile..", "io.micrometer..")
                .check(MAIN);
    }

    @Test
    void domainDoesNotReachIntoAdapters() {
        noClasses().that().resideInAPackage("cin.reminders.domain..")
                .should().dependOnClassesThat().resideOutsideOfPackages("cin.reminders.domain..", "java..",
                        "com.fasterxml.jackson..", "de.focus_shift.jollyday..")
                .check(MAIN);
    }
}
