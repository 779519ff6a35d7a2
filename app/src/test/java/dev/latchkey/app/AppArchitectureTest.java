package dev.latchkey.app;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import dev.latchkey.testsupport.arch.LatchkeyRules;

/** The arrows DESIGN.md draws for the app, checked against its compiled classes. */
@AnalyzeClasses(packages = "dev.latchkey.app", importOptions = ImportOption.DoNotIncludeTests.class)
class AppArchitectureTest {

    @ArchTest
    static final ArchRule noServerInsideTheApp = noClasses()
            .should().dependOnClassesThat().resideInAnyPackage("dev.latchkey.broker..", "io.javalin..",
                    "org.eclipse.jetty..", "org.h2..", "org.flywaydb..", "org.postgresql..", "com.zaxxer.hikari..",
                    "com.nimbusds..")
            .because("the app talks to every broker through core over HTTP; its demo broker is a process of its own,"
                    + " run from the broker jar (dev.latchkey.app.demo), so no server code ships on the app's class path");

    @ArchTest
    static final ArchRule appDoesNotReachIntoTheCli = noClasses()
            .should().dependOnClassesThat().resideInAnyPackage("dev.latchkey.cli..", "picocli..")
            .because("the app and the CLI are siblings over core");

    @ArchTest
    static final ArchRule onlyTheTrayTouchesAwt = noClasses()
            .that().resideOutsideOfPackage("dev.latchkey.app.tray..")
            .should().dependOnClassesThat().resideInAnyPackage("java.awt..")
            .because("AWT has its own event thread; only the tray bridges it to JavaFX");

    @ArchTest
    static final ArchRule onlyTheEventAdapterFollowsTheStream = noClasses()
            .that().resideOutsideOfPackage("dev.latchkey.app.access..").and().doNotHaveSimpleName("SignedInServices")
            .should().dependOnClassesThat().resideInAnyPackage("dev.latchkey.core.events..")
            .because("decisions reach the screens through LiveUpdates, on the UI thread");

    @ArchTest
    static final ArchRule noPackageCycles = LatchkeyRules.noPackageCycles("dev.latchkey.app");

    @ArchTest
    static final ArchRule viewModelsKnowNoScene = LatchkeyRules.viewModelsKnowNoScene();

    @ArchTest
    static final ArchRule onlyTheseWriteFiles = LatchkeyRules.onlyTheseWriteFiles(
            "dev.latchkey.app.launcher.ProfileStore", // app profiles: references only, 0600, replaced atomically
            "dev.latchkey.app.common.DismissedNotices"); // dismissed notice keys (grant ids), 0600 through PrivateFiles

    @ArchTest
    static final ArchRule onlyCoreApi = LatchkeyRules.onlyCoreApi();
}
