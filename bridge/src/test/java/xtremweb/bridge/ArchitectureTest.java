package xtremweb.bridge;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** The bridge talks to the server through the client library only, and never runs works itself. */
@AnalyzeClasses(packages = "xtremweb.bridge", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {
    @ArchTest
    static final ArchRule onlyTheClientLibrary = noClasses().should().dependOnClassesThat()
            .resideInAnyPackage("xtremweb.server..", "xtremweb.worker..", "xtremweb.gui..");

    @ArchTest
    static final ArchRule noCommandLineClasses = noClasses().should().dependOnClassesThat()
            .resideInAPackage("xtremweb.client").because("the client's commands are for people; the bridge uses xtremweb.client.api");
}
