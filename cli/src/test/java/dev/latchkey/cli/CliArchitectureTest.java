package dev.latchkey.cli;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noFields;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import dev.latchkey.testsupport.arch.LatchkeyRules;
import picocli.CommandLine;

/** The arrows DESIGN.md draws for the CLI, checked against its compiled classes. */
@AnalyzeClasses(packages = "dev.latchkey.cli", importOptions = ImportOption.DoNotIncludeTests.class)
class CliArchitectureTest {

    @ArchTest
    static final ArchRule cliHasNoDesktopCode = noClasses()
            .should().dependOnClassesThat().resideInAnyPackage("javafx..", "dev.latchkey.app..")
            .because("the CLI must run where no display exists");

    @ArchTest
    static final ArchRule cliTalksToTheBrokerOverHttpOnly = noClasses()
            .should().dependOnClassesThat().resideInAnyPackage("dev.latchkey.broker..", "io.javalin..")
            .because("only the app's demo launcher embeds the broker; the CLI reaches it through core");

    @ArchTest
    static final ArchRule subcommandsReachTheRootThroughTheirMixin = noFields()
            .should().beAnnotatedWith(CommandLine.ParentCommand.class)
            .because("a subcommand takes the world and --broker from its Inherited mixin; a field of the root's "
                    + "type would tie it to the class that names every command, a package cycle");

    @ArchTest
    static final ArchRule noPackageCycles = LatchkeyRules.noPackageCycles("dev.latchkey.cli");

    @ArchTest
    static final ArchRule onlyTheseWriteFiles = LatchkeyRules.onlyTheseWriteFiles(
            // the build's training runs, in their own target folders
            "dev.latchkey.cli.startup.AotTraining", "dev.latchkey.cli.startup.TrainingRepository",
            "dev.latchkey.cli.startup.StandInSecretTool");

    @ArchTest
    static final ArchRule onlyCoreApi = LatchkeyRules.onlyCoreApi();
}
