package xtremweb.client;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** The client is untrusted and talks to the server only over HTTPS, through common. */
@AnalyzeClasses(packages = "xtremweb.client", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {
    @ArchTest
    static final ArchRule clientNeverImportsServerOrWorker = noClasses()
            .should().dependOnClassesThat().resideInAnyPackage("xtremweb.server..", "xtremweb.worker..");
}
