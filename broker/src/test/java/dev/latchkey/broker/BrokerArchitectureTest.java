package dev.latchkey.broker;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** The broker stands alone: it serves every client and depends on none of them. */
@AnalyzeClasses(packages = "dev.latchkey.broker", importOptions = ImportOption.DoNotIncludeTests.class)
class BrokerArchitectureTest {

    @ArchTest
    static final ArchRule brokerDependsOnNoClientModule = noClasses()
            .should().dependOnClassesThat().resideInAnyPackage(
                    "dev.latchkey.core..", "dev.latchkey.app..", "dev.latchkey.cli..", "javafx..", "picocli..")
            .because("dependencies point one way: broker -> nothing of ours");
}
