package xtremweb.server;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The server's layering. On top, the process wiring ({@code xtremweb.server} itself); under it the
 * HTTP layer: the {@code http} package and every {@code *Endpoints} class that turns calls into
 * service calls; then the services (every other domain package); at the bottom {@code policy},
 * {@code db}, {@code cache} and {@code refusal}, which know nothing above them. Services say why
 * they refuse with {@code refusal} exceptions and never see HTTP.
 */
@AnalyzeClasses(packages = "xtremweb.server", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {
    private static final String[] BOTTOM = {"xtremweb.server.policy..", "xtremweb.server.db..",
            "xtremweb.server.cache..", "xtremweb.server.refusal.."};

    private static final DescribedPredicate<JavaClass> WIRING =
            DescribedPredicate.describe("the process wiring", c -> c.getPackageName().equals("xtremweb.server"));

    private static final DescribedPredicate<JavaClass> HTTP = DescribedPredicate.describe("the HTTP layer",
            c -> c.getPackageName().equals("xtremweb.server.http")
                    || c.getName().matches("xtremweb\\.server\\..*Endpoints(\\$.*)?"));

    private static final DescribedPredicate<JavaClass> SERVICES = resideInAPackage("xtremweb.server..")
            .and(not(WIRING)).and(not(HTTP)).and(not(resideInAnyPackage(BOTTOM)))
            .as("the services");

    @ArchTest
    static final ArchRule layers = layeredArchitecture().consideringOnlyDependenciesInLayers()
            .layer("Wiring").definedBy(WIRING)
            .layer("Http").definedBy(HTTP)
            .layer("Services").definedBy(SERVICES)
            .layer("Bottom").definedBy(resideInAnyPackage(BOTTOM))
            .whereLayer("Wiring").mayNotBeAccessedByAnyLayer()
            .whereLayer("Http").mayOnlyBeAccessedByLayers("Wiring")
            .whereLayer("Services").mayOnlyBeAccessedByLayers("Wiring", "Http")
            .whereLayer("Bottom").mayOnlyAccessLayers("Bottom");

    @ArchTest
    static final ArchRule noPackageCycles = slices().matching("xtremweb.server.(*)..").should().beFreeOfCycles();

    @ArchTest
    static final ArchRule serverNeverUsesWorkerOrClient = noClasses()
            .should().dependOnClassesThat().resideInAnyPackage("xtremweb.worker..", "xtremweb.client..");
}
