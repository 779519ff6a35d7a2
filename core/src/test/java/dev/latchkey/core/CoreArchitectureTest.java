package dev.latchkey.core;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import dev.latchkey.testsupport.arch.LatchkeyRules;

/** The arrows DESIGN.md draws for core, checked against its compiled classes. */
@AnalyzeClasses(packages = "dev.latchkey.core", importOptions = ImportOption.DoNotIncludeTests.class)
class CoreArchitectureTest {

    @ArchTest
    static final ArchRule coreHasNoUserInterface = noClasses()
            .should().dependOnClassesThat().resideInAnyPackage("javafx..", "picocli..")
            .because("core is the library under both the app and the CLI; UI belongs to them");

    @ArchTest
    static final ArchRule coreHasNoServerCode = noClasses()
            .should().dependOnClassesThat().resideInAnyPackage("io.javalin..", "org.eclipse.jetty..")
            .because("core talks to the broker only over HTTP, as it would to a broker on another machine");

    @ArchTest
    static final ArchRule coreDependsOnNoOtherLatchkeyModule = noClasses()
            .should().dependOnClassesThat().resideInAnyPackage(
                    "dev.latchkey.broker..", "dev.latchkey.app..", "dev.latchkey.cli..")
            .because("dependencies point one way: app -> core, cli -> core, broker -> nothing of ours");

    @ArchTest
    static final ArchRule onlyTheSharedClientBuildsOkHttpClients = noClasses()
            .that().doNotHaveFullyQualifiedName("dev.latchkey.core.internal.http.SharedHttpClient")
            .should().callConstructor(okhttp3.OkHttpClient.class)
            .orShould().callConstructor(okhttp3.OkHttpClient.Builder.class)
            .because("one connection pool and dispatcher for all of core; each use derives its client with "
                    + "SharedHttpClient.newBuilder() and its own timeouts");

    @ArchTest
    static final ArchRule noPackageCycles = LatchkeyRules.noPackageCycles("dev.latchkey.core");

    @ArchTest
    static final ArchRule onlyTheseWriteFiles = LatchkeyRules.onlyTheseWriteFiles(
            "dev.latchkey.core.config.PrivateFiles", // 0600 files in 0700 folders; callers pass names, never values
            "dev.latchkey.core.internal.session.RefreshLock", // an empty lock file beside the session
            "dev.latchkey.core.internal.guard.FingerprintFile", // keyed fingerprints only (LeakGuardTest greps it for values)
            "dev.latchkey.core.internal.guard.Recorder", // the fingerprint file's lock; a damaged file moved aside
            "dev.latchkey.core.internal.guard.Hooks", // git hook scripts that start the CLI: a command line, no value
            "dev.latchkey.core.approval.LocalConfirmScopes"); // scope names (team/env, checked) moved over the file whole
}
