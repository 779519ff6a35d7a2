package dev.latchkey.app;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** The arrows DESIGN.md draws for the app, checked against its compiled classes. */
@AnalyzeClasses(packages = "dev.latchkey.app", importOptions = ImportOption.DoNotIncludeTests.class)
class AppArchitectureTest {

    @ArchTest
    static final ArchRule onlyTheDemoLauncherEmbedsTheBroker = noClasses()
            .that().resideOutsideOfPackage("dev.latchkey.app.demo..")
            .should().dependOnClassesThat().resideInAnyPackage("dev.latchkey.broker..", "io.javalin..")
            .because("the app talks to every broker, its own demo one included, through core over HTTP");

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
            .that().resideOutsideOfPackage("dev.latchkey.app.access..").and().doNotHaveSimpleName("LatchkeyApp")
            .should().dependOnClassesThat().resideInAnyPackage("dev.latchkey.core.events..")
            .because("decisions reach the screens through LiveUpdates, on the UI thread");

    @ArchTest
    static final ArchRule viewModelsKnowNoNodes = noClasses()
            .that().haveSimpleNameEndingWith("ViewModel")
            .should().dependOnClassesThat().resideInAnyPackage("javafx.scene..", "javafx.stage..")
            .because("view models hold state and logic that plain tests check; only views build nodes");
}
