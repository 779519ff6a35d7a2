package dev.latchkey.broker.events;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** The journal and the metrics are decided without HTTP; http/EventRoutes and MetricsRoutes only translate. */
@AnalyzeClasses(packages = "dev.latchkey.broker", importOptions = ImportOption.DoNotIncludeTests.class)
class EventsArchitectureTest {

    @ArchTest
    static final ArchRule eventsAndMetricsKnowNoHttp = noClasses()
            .that().resideInAnyPackage("..broker.events..", "..broker.metrics..")
            .should().dependOnClassesThat().resideInAnyPackage("io.javalin..", "org.eclipse.jetty..", "jakarta.servlet..",
                    "..broker.http..")
            .because("a broker without HTTP (a sweeper, a test) records and reads events the same way");

    @ArchTest
    static final ArchRule theJournalKnowsNoRequestsOrGrants = noClasses()
            .that().resideInAPackage("..broker.events..")
            .should().dependOnClassesThat().resideInAnyPackage("..broker.requests..", "..broker.grants..",
                    "..broker.sandbox..", "..broker.secrets..")
            .because("requests and grants publish to the journal, not the other way round");
}
