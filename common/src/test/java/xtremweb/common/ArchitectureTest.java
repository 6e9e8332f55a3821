package xtremweb.common;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideOutsideOfPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** common is shared by server, worker and client: it may use the JDK and its own libraries, none of our other modules. */
@AnalyzeClasses(packages = "xtremweb.common", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {
    @ArchTest
    static final ArchRule commonUsesNoneOfOurOtherModules = noClasses()
            .should().dependOnClassesThat(resideInAPackage("xtremweb..").and(resideOutsideOfPackage("xtremweb.common.."))
                    .as("classes of our other modules"));
}
