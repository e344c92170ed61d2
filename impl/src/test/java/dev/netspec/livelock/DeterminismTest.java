package dev.netspec.livelock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.netspec.driver.Design;
import dev.netspec.sim.CostModel;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DeterminismTest {
    private static LivelockExperiment.Config small(long seed) {
        return new LivelockExperiment.Config(seed,
                List.of(new Curve(Design.INTERRUPT, false), new Curve(Design.POLL_FEEDBACK, true), new Curve(Design.NAPI, true)),
                List.of(1_000.0, 6_000.0, 15_000.0), 20_000_000L, 50_000_000L, CostModel.dec3000(), true);
    }

    private static String csv(LivelockExperiment.Config c) throws IOException {
        StringWriter w = new StringWriter();
        LivelockExperiment.writeCsv(LivelockExperiment.run(c), w);
        return w.toString();
    }

    @Test
    void theSameSeedGivesTheSameCsvByteForByte() throws IOException {
        String a = csv(small(7));
        assertEquals(a, csv(small(7)));
        assertNotEquals(a, csv(small(8)), "the seed matters (Poisson arrivals)");
    }

    @Test
    void pngIsWrittenAndIsAPng(@TempDir Path dir) throws IOException {
        Path png = dir.resolve("p.png");
        LivelockExperiment.writePng(LivelockExperiment.run(small(1)), png);
        byte[] b = Files.readAllBytes(png);
        assertTrue(b.length > 1000);
        assertEquals((byte) 0x89, b[0]);
        assertEquals('P', b[1]);
        assertEquals('N', b[2]);
        assertEquals('G', b[3]);
    }

    @Test
    void curveNamesRoundTripAndBadNamesAreExplained() {
        for (Curve c : LivelockExperiment.PAPER_CURVES) {
            assertEquals(c, Curve.parse(c.name()));
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Curve.parse("polling"));
        assertTrue(e.getMessage().contains("poll_quota"), e.getMessage());
    }
}
