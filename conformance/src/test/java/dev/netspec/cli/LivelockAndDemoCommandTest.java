package dev.netspec.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LivelockAndDemoCommandTest {

    @Test
    void livelockWritesCsvAndPlotForTheChosenCurves(@TempDir Path dir) throws Exception {
        CliRun r = CliRun.of("livelock", "--quick", "--curves", "interrupt,napi", "--out", dir.toString());
        assertEquals(0, r.exit(), r.err());
        List<String> csv = Files.readAllLines(dir.resolve("livelock.csv"));
        assertTrue(csv.size() > 2, "header and points");
        assertTrue(csv.stream().skip(1).allMatch(l -> l.startsWith("interrupt,") || l.startsWith("napi,")),
                () -> String.join("\n", csv));
        byte[] png = Files.readAllBytes(dir.resolve("livelock.png"));
        assertEquals((byte) 0x89, png[0]);
        assertEquals('P', png[1]);
        assertTrue(r.out().contains("interrupt") && r.out().contains("napi"), r.out());
    }

    @Test
    void livelockRejectsAnUnknownCurveWithOneLine(@TempDir Path dir) {
        CliRun r = CliRun.of("livelock", "--curves", "interupt", "--out", dir.toString());
        assertEquals(2, r.exit());
        assertTrue(r.err().startsWith("netspec livelock: unknown curve 'interupt'"), r.err());
        assertEquals(1, r.err().strip().lines().count(), r.err());
    }

    @Test
    void demoNeedsTheReceivePathConfigurations(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("manifest.tsv"), "# module\tconfig\ttier\texpected\tstates\n");
        CliRun r = CliRun.of("demo", "--no-sim", "--spec-dir", dir.toString());
        assertEquals(2, r.exit());
        assertTrue(r.err().startsWith("netspec demo: "), r.err());
        assertEquals(1, r.err().strip().lines().count(), r.err());
    }
}
