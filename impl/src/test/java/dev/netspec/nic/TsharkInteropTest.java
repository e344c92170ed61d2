package dev.netspec.nic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.netspec.driver.Design;
import dev.netspec.livelock.Curve;
import dev.netspec.livelock.LivelockExperiment;
import dev.netspec.sim.CostModel;
import java.io.BufferedOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * If tshark is installed, it reads a capture of forwarded traffic as UDP in Ethernet with good IP
 * and UDP checksums (after the router's TTL decrement). Skipped when tshark is absent.
 */
class TsharkInteropTest {
    @Test
    void tsharkReadsTheCaptureAndFindsTheChecksumsGood(@TempDir Path dir) throws Exception {
        Path tshark = Path.of("/usr/bin/tshark");
        assumeTrue(Files.isExecutable(tshark), "tshark not installed");
        Path pcap = dir.resolve("eth1.pcap");
        LivelockExperiment.Setup s = LivelockExperiment.build(1, new Curve(Design.POLL_QUOTA, false), 2_000,
                CostModel.dec3000(), false);
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(pcap))) {
            s.out().nic().setTap(new PcapWriter(out));
            s.generator().start(5_000_000L);
            s.net().runFor(10_000_000L);
        }
        Process p = new ProcessBuilder(tshark.toString(), "-n", "-r", pcap.toString(),
                "-o", "ip.check_checksum:TRUE", "-o", "udp.check_checksum:TRUE",
                "-T", "fields", "-e", "ip.ttl", "-e", "ip.checksum.status", "-e", "udp.checksum.status", "-e", "udp.dstport")
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        assumeTrue(p.waitFor(60, TimeUnit.SECONDS), "tshark did not finish");
        List<String> lines = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).lines().toList();
        assertTrue(s.out().nic().txFrames() > 5);
        assertEquals(s.out().nic().txFrames(), lines.size(), "one line per forwarded frame: " + lines);
        for (String line : lines) {
            // ttl, IP checksum status, UDP checksum status (Wireshark: 1 = good), port
            assertEquals(List.of("63", "1", "1", "9"), List.of(line.split("\t")), line);
        }
    }
}
