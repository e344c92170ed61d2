package dev.netspec.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.netspec.conform.ToyReplayer;
import dev.netspec.conform.Toys;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** netspec conform / explore / check --emit-scenario on the toy module, end to end through the CLI. */
class ConformCommandTest {
    static final Path SPEC = Toys.specDir();
    static final Path SCENARIOS = SPEC.resolveSibling("scenarios");

    @BeforeAll
    static void toy() {
        ToyReplayer.register();
    }

    @Test
    void conformPrintsVerdictsWritesJUnitXmlAndExitsOneOnADisagreement(@TempDir Path tmp) throws Exception {
        Path xml = tmp.resolve("report.xml");
        CliRun r = CliRun.of("conform", "--spec-dir", SPEC.toString(), "--junit-xml", xml.toString(), SCENARIOS.toString());
        assertEquals(1, r.exit(), r.out() + r.err());
        assertTrue(r.out().contains("CONFORMS  toy push pop"), r.out());
        assertTrue(r.out().contains("FAILS(expectations)  toy stuck"), r.out());
        assertTrue(r.out().contains("3 scenarios: 2 conform, 1 fail expectations, 0 diverge, 0 errors"), r.out());
        String report = Files.readString(xml);
        assertTrue(report.contains("<testsuite name=\"netspec conform\" tests=\"3\" failures=\"1\" errors=\"0\""), report);
        assertTrue(report.contains("<failure type=\"FAILS(expectations)\""), report);

        CliRun ok = CliRun.of("conform", "--spec-dir", SPEC.toString(), SCENARIOS.resolve("push_pop.trace").toString());
        assertEquals(0, ok.exit(), ok.out() + ok.err());
        CliRun broken = CliRun.of("conform", "--spec-dir", SPEC.toString(), "--fault", "out_of_order_delivered",
                SCENARIOS.resolve("push_pop.trace").toString());
        assertEquals(1, broken.exit(), broken.out());
        assertTrue(broken.out().contains("DIVERGES  toy push pop"), broken.out());
        assertTrue(broken.out().contains("Pop: q: recorded <<1>>, spec <<2>>"), broken.out());
    }

    @Test
    void runReplaysAnEventScenarioThroughTheReplayer() {
        CliRun ok = CliRun.of("run", SCENARIOS.resolve("push_pop.trace").toString());
        assertEquals(0, ok.exit(), ok.out() + ok.err());
        assertTrue(ok.out().startsWith("PASS "), ok.out());
        CliRun broken = CliRun.of("run", "--fault", "out_of_order_delivered", SCENARIOS.resolve("push_pop.trace").toString());
        assertEquals(1, broken.exit(), broken.out() + broken.err());
        assertTrue(broken.out().contains("push_pop.trace:12:1: after event Pop (step 3) expected q == <<2>>, the stack has <<1>>"),
                broken.out());
    }

    @Test
    void conformRejectsBadInputWithExitTwo(@TempDir Path tmp) throws Exception {
        assertEquals(2, CliRun.of("conform", "--spec-dir", SPEC.toString(), "--fault", "nope", SCENARIOS.toString()).exit());
        Path bad = tmp.resolve("bad.trace");
        Files.writeString(bad, "spec Toy with Max = 2\nevent Inc(\n");
        CliRun r = CliRun.of("conform", "--spec-dir", SPEC.toString(), bad.toString());
        assertEquals(2, r.exit(), r.out());
        assertTrue(r.out().contains("ERROR"), r.out());
        assertTrue(r.out().contains("bad.trace:"), r.out());
        assertEquals(2, CliRun.of("conform", "--spec-dir", SPEC.toString(), tmp.resolve("missing").toString()).exit());
    }

    @Test
    void exploreFindsTheFaultAndWritesAShortScenarioThatConformReplays(@TempDir Path tmp) throws Exception {
        CliRun clean = CliRun.of("explore", "--spec-dir", SPEC.toString(), "--spec", "Toy", "--walks", "20", "--depth", "8",
                "--seed", "3", "--out", tmp.resolve("clean").toString());
        assertEquals(0, clean.exit(), clean.out() + clean.err());
        assertTrue(clean.out().contains("20 walks of Toy (160 steps) replayed on the stack: 20 agree, 0 disagree"), clean.out());

        Path out = tmp.resolve("broken");
        CliRun broken = CliRun.of("explore", "--spec-dir", SPEC.toString(), "--spec", "Toy", "--walks", "20", "--depth", "8",
                "--seed", "3", "--out", out.toString(), "--fault", "out_of_order_delivered");
        assertEquals(1, broken.exit(), broken.out() + broken.err());
        Path shrunk;
        try (var files = Files.list(out)) {
            shrunk = files.filter(p -> p.toString().endsWith("-shrunk.trace")).findFirst().orElseThrow();
        }
        String text = Files.readString(shrunk);
        long events = text.lines().filter(l -> l.startsWith("event ")).count();
        assertTrue(events >= 3 && events < 8, text);
        // The shrunk scenario replays: it conforms on the correct stack, and fails with the fault on.
        assertEquals(0, CliRun.of("conform", "--spec-dir", SPEC.toString(), shrunk.toString()).exit());
        CliRun again = CliRun.of("conform", "--spec-dir", SPEC.toString(), "--fault", "out_of_order_delivered", shrunk.toString());
        assertEquals(1, again.exit(), again.out());
    }

    @Test
    void checkEmitsTheLassoAsAScenarioThatReplaysOnTheStack(@TempDir Path tmp) throws Exception {
        Path out = tmp.resolve("cex");
        CliRun check = CliRun.of("check", "--spec-dir", SPEC.toString(), "--jobs", "1", "--emit-scenario", out.toString());
        assertEquals(0, check.exit(), check.out() + check.err());
        Path scenario = out.resolve("MC_Toy_drains.trace");
        String text = Files.readString(scenario);
        assertTrue(text.contains("// A lasso: "), text);
        assertTrue(text.contains("// loop, turn 3 of 3"), text);
        assertTrue(text.contains("spec Toy with Max = 2"), text);
        CliRun replay = CliRun.of("conform", "--spec-dir", SPEC.toString(), scenario.toString());
        assertEquals(0, replay.exit(), replay.out() + replay.err());
        // The behaviour the model checker found is what the stack does: the queue is never empty in the loop.
        String loop = text.substring(text.indexOf("// loop, turn 1"));
        assertTrue(loop.lines().filter(l -> l.startsWith("expect q == ")).noneMatch(l -> l.equals("expect q == <<>>")), loop);
    }
}
