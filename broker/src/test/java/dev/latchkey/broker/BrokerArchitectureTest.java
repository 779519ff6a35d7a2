package dev.latchkey.broker;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import dev.latchkey.testsupport.arch.LatchkeyRules;

/** The broker stands alone: it serves every client and depends on none of them. */
@AnalyzeClasses(packages = "dev.latchkey.broker", importOptions = ImportOption.DoNotIncludeTests.class)
class BrokerArchitectureTest {

    @ArchTest
    static final ArchRule brokerDependsOnNoClientModule = noClasses()
            .should().dependOnClassesThat().resideInAnyPackage(
                    "dev.latchkey.core..", "dev.latchkey.app..", "dev.latchkey.cli..", "javafx..")
            .because("dependencies point one way: broker -> nothing of ours");

    @ArchTest
    static final ArchRule onlyTheServerBinaryKnowsItsCommandLine = noClasses()
            .that().resideOutsideOfPackage("dev.latchkey.broker")
            .should().dependOnClassesThat().resideInAPackage("picocli..")
            .because("picocli parses the server binary's options; everything under it takes a BrokerConfig");

    @ArchTest
    static final ArchRule theCoreKnowsNoHttp = noClasses()
            .that().resideOutsideOfPackages("dev.latchkey.broker", "..broker.http..", "..broker.server..",
                    "..broker.devidp..")
            .should().dependOnClassesThat().resideInAnyPackage("io.javalin..", "org.eclipse.jetty..", "..broker.http..")
            .because("access, policy, secrets and audit are decided without HTTP; http only translates"
                    + " (every package but the server's own, its Jetty limits and the dev IdP's pages)");

    @ArchTest
    static final ArchRule noPackageCycles = LatchkeyRules.noPackageCycles("dev.latchkey.broker");

    @ArchTest
    static final ArchRule theStoreIsTheBottom = noClasses()
            .that().resideInAPackage("..broker.store..")
            .should().dependOnClassesThat().resideInAnyPackage("..broker.access..", "..broker.audit..",
                    "..broker.identity..", "..broker.policy..", "..broker.secrets..", "..broker.seed..")
            .because("the database layer knows tables, not the domain");

    @ArchTest
    static final ArchRule identityStandsAlone = noClasses()
            .that().resideInAPackage("..broker.identity..")
            .should().dependOnClassesThat().resideInAnyPackage("..broker.access..", "..broker.audit..",
                    "..broker.policy..", "..broker.secrets..", "..broker.store..", "..broker.seed..")
            .because("token validation works against any issuer and needs nothing else of the broker");

    @ArchTest
    static final ArchRule theCoreNeverUsesTheDevIdp = noClasses()
            .that().resideOutsideOfPackages("..broker.devidp..", "dev.latchkey.broker")
            .should().dependOnClassesThat().resideInAPackage("..broker.devidp..")
            .because("the broker accepts the dev IdP's tokens the way it accepts any issuer's: by discovery");
}
