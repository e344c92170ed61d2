package dev.netspec.conform;

import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The project's conformance suite as JUnit tests: one dynamic test per scenario under
 * {@code src/test/resources/scenarios/} (topologies excepted), named after the scenario. Every
 * scenario runs on the stack first and all their traces are validated in one batch (one TLC run per
 * module and constants), so TLC starts a few times for the whole suite, not once per scenario; each
 * test then reports its scenario's verdict, with the full mismatch report as the failure message.
 */
class ConformanceSuiteTest {

    @TestFactory
    Stream<DynamicTest> everyScenarioConforms() throws Exception {
        List<Path> files = Suite.files();
        List<ScenarioReport> reports = Suite.run().run(files, Set.of(), Suite.jobs());
        return reports.stream().map(r -> DynamicTest.dynamicTest(r.name(), r.file().toUri(), () -> {
            if (r.status() != ScenarioReport.Status.CONFORMS) {
                fail(r.render());
            }
        }));
    }
}
