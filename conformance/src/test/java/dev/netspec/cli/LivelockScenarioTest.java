package dev.netspec.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.netspec.conform.Conformance;
import dev.netspec.conform.EventScenario;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The interrupt-driven router's livelock (Mogul and Ramakrishnan 1997, Figure 6-1), found by TLC as
 * a lasso on MC_ReceivePath_interrupt_router, written as an event scenario and replayed on the stack.
 */
class LivelockScenarioTest {
    static final Path SPEC = Path.of(System.getProperty("netspec.root", ".."), "spec").toAbsolutePath().normalize();
    static Path scenario;
    static String text;

    @BeforeAll
    static void emit(@TempDir Path tmp) throws Exception {
        CliRun check = CliRun.of("check", "--spec-dir", SPEC.toString(), "--jobs", "1", "--emit-scenario", tmp.toString(),
                "MC_ReceivePath_interrupt_router");
        assertEquals(0, check.exit(), check.out() + check.err());
        scenario = tmp.resolve("MC_ReceivePath_interrupt_router.trace");
        text = Files.readString(scenario);
    }

    @Test
    void theLassoIsAnEventScenarioOfReceivePathActions() {
        EventScenario.Result r = EventScenario.read(scenario);
        assertTrue(r.errors().isEmpty(), () -> r.errors() + "\n" + text);
        EventScenario s = r.scenario().orElseThrow();
        assertEquals("ReceivePath", s.module());
        assertEquals("\"interrupt\"", s.constants().get("Design"));
        assertTrue(text.contains("// A lasso: "), text);
        assertTrue(text.contains("// loop, turn 3 of 3"), text);
        // Around the loop no TX completion is ever reclaimed (TxNotStarved fails): the livelock.
        String loop = text.substring(text.indexOf("// loop, turn 1"));
        assertTrue(loop.lines().filter(l -> l.startsWith("event ")).noneMatch(l -> l.startsWith("event TxInterrupt")), loop);
    }

    @Test
    void replayedOnTheStackItShowsTheSameStarvation() {
        assumeTrue(Conformance.module("ReceivePath").map(m -> m.replayer() != null).orElse(false),
                "ReceivePath has no replayer yet (helper R's ReceivePathReplayer)");
        CliRun replay = CliRun.of("conform", "--spec-dir", SPEC.toString(), scenario.toString());
        assertEquals(0, replay.exit(), replay.out() + replay.err());
    }
}
