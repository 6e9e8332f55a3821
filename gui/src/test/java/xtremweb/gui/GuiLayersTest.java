package xtremweb.gui;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The GUI stands on the client library alone: never on the server, never on the command line's classes. */
class GuiLayersTest {
    private static final JavaClasses GUI = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("xtremweb.gui");

    @Test
    void theGuiNeverReachesIntoTheServer() {
        noClasses().that().resideInAPackage("xtremweb.gui..").should().dependOnClassesThat()
                .resideInAPackage("xtremweb.server..").check(GUI);
    }

    @Test
    void theGuiUsesTheClientLibraryNotTheCommandLine() {
        noClasses().that().resideInAPackage("xtremweb.gui..").should().dependOnClassesThat()
                .resideInAnyPackage("xtremweb.client", "xtremweb.client.format..", "xtremweb.client.macro..").check(GUI);
    }

    @Test
    void tabsNeverTalkToEachOtherButThroughTheWindow() {
        noClasses().that().resideInAnyPackage("xtremweb.gui.apps..", "xtremweb.gui.data..", "xtremweb.gui.grid..",
                "xtremweb.gui.admin..").should().dependOnClassesThat()
                .resideInAnyPackage("xtremweb.gui.works..", "xtremweb.gui.groupings..").check(GUI);
    }
}
