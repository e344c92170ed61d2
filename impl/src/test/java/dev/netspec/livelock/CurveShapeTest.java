package dev.netspec.livelock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shapes of Mogul and Ramakrishnan's Figures 6-1, 6-3 and 6-4, measured from the CSV the
 * experiment writes (so the file a user reads is what is checked).
 */
class CurveShapeTest {
    record Row(double input, double output, long ringFull, long ifqFull, long screendqFull, boolean balanced) { }

    static Map<String, List<Row>> curves = new LinkedHashMap<>();

    @BeforeAll
    static void runSweep(@TempDir Path dir) throws IOException {
        LivelockExperiment.Results r = LivelockExperiment.run(LivelockExperiment.Config.quick(1));
        Path csv = dir.resolve("livelock.csv");
        LivelockExperiment.writeCsv(r, csv);
        List<String> lines = Files.readAllLines(csv);
        List<String> header = List.of(lines.get(0).split(","));
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split(",");
            Row row = new Row(
                    Double.parseDouble(f[header.indexOf("input_pps")]),
                    Double.parseDouble(f[header.indexOf("output_pps")]),
                    Long.parseLong(f[header.indexOf("drop_ring_full")]),
                    Long.parseLong(f[header.indexOf("drop_ifq_full")]),
                    Long.parseLong(f[header.indexOf("drop_screendq_full")]),
                    Boolean.parseBoolean(f[header.indexOf("balanced")]));
            curves.computeIfAbsent(f[header.indexOf("curve")], k -> new ArrayList<>()).add(row);
        }
    }

    static double peak(String curve) {
        return curves.get(curve).stream().mapToDouble(Row::output).max().orElseThrow();
    }

    static Row atHighestLoad(String curve) {
        List<Row> rows = curves.get(curve);
        return rows.get(rows.size() - 1);
    }

    @Test
    void everyCurveOfThePaperIsInTheCsv() {
        assertEquals(List.of("interrupt", "interrupt+screend", "poll_noquota", "poll_quota", "poll_quota+screend",
                "poll_feedback+screend", "napi", "napi+screend"), List.copyOf(curves.keySet()));
        double highest = atHighestLoad("interrupt").input();
        assertTrue(highest > 4 * peak("interrupt"), "the sweep reaches several times the peak rate: " + highest);
    }

    @Test
    void interruptDrivenRisesToAPeakNearThePapersThenLivelocks() {
        double peak = peak("interrupt");
        assertTrue(peak > 4_500 && peak < 5_500, "calibrated peak near 4,700-5,000 pkts/s, got " + peak);
        Row last = atHighestLoad("interrupt");
        assertTrue(last.output() < peak / 3, "livelock: " + last.output() + " at the highest load vs peak " + peak);
        // it falls steadily once past the peak (Figure 6-1), not in one step
        List<Row> rows = curves.get("interrupt");
        int p = indexOfPeak(rows);
        for (int i = p + 1; i < rows.size(); i++) {
            assertTrue(rows.get(i).output() <= rows.get(i - 1).output() + 50, "decline after the peak at " + rows.get(i));
        }
    }

    @Test
    void pollingWithQuotaHoldsItsPeak() {
        double peak = peak("poll_quota");
        Row last = atHighestLoad("poll_quota");
        assertTrue(last.output() >= 0.9 * peak, last.output() + " vs peak " + peak);
        assertTrue(last.ringFull() > 0, "the excess is dropped by the NIC, at no CPU cost");
        assertEquals(0, last.ifqFull());
    }

    @Test
    void pollingWithoutQuotaStarvesTransmitAndCollapses() {
        double peak = peak("poll_noquota");
        Row last = atHighestLoad("poll_noquota");
        assertTrue(last.output() < peak / 10, "collapse: " + last.output() + " vs peak " + peak);
        // transmit completion never runs, so the output ring and then ifq fill: every packet that
        // got through IP processing dies at the output queue (Figure 6-3 discussion)
        List<Row> rows = curves.get("poll_noquota");
        assertTrue(rows.stream().anyMatch(r -> r.ifqFull() > 0), "packets are dropped at the output queue");
    }

    @Test
    void screendWithFeedbackHoldsItsPeakAndWithoutFeedbackCollapses() {
        double fbPeak = peak("poll_feedback+screend");
        assertTrue(atHighestLoad("poll_feedback+screend").output() >= 0.9 * fbPeak);
        assertEquals(0, atHighestLoad("poll_feedback+screend").screendqFull(),
                "feedback stops input before screend's queue overflows");
        double noFbPeak = peak("poll_quota+screend");
        assertTrue(atHighestLoad("poll_quota+screend").output() < noFbPeak / 3);
        assertTrue(peak("interrupt+screend") < 2_000, "screend peaks below 2,000 pkts/s as in the paper");
        assertTrue(atHighestLoad("interrupt+screend").output() < peak("interrupt+screend") / 3);
    }

    @Test
    void napiHoldsItsPeak() {
        assertTrue(atHighestLoad("napi").output() >= 0.9 * peak("napi"));
    }

    @Test
    void everyPointConservesPackets() {
        curves.forEach((c, rows) -> rows.forEach(r -> assertTrue(r.balanced(), c + " " + r)));
    }

    private static int indexOfPeak(List<Row> rows) {
        int best = 0;
        for (int i = 1; i < rows.size(); i++) {
            if (rows.get(i).output() > rows.get(best).output()) {
                best = i;
            }
        }
        return best;
    }
}
