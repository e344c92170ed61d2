package dev.netspec.nic;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The classic pcap layout, byte for byte. */
class PcapWriterTest {
    @Test
    void globalHeaderIsLibpcapLittleEndianEthernet() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new PcapWriter(out);
        byte[] golden = {
            (byte) 0xd4, (byte) 0xc3, (byte) 0xb2, (byte) 0xa1, // magic, microsecond timestamps
            2, 0, 4, 0, // version 2.4
            0, 0, 0, 0, // thiszone
            0, 0, 0, 0, // sigfigs
            (byte) 0xff, (byte) 0xff, 0, 0, // snaplen 65535
            1, 0, 0, 0, // LINKTYPE_ETHERNET
        };
        assertArrayEquals(golden, out.toByteArray());
    }

    @Test
    void recordHeaderCarriesVirtualTimeAndLengths() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PcapWriter w = new PcapWriter(out);
        byte[] frame = new byte[60];
        frame[0] = (byte) 0xab;
        w.write(2_000_003_500L, frame); // 2 s + 3.5 us -> usec 3
        byte[] all = out.toByteArray();
        assertEquals(24 + 16 + 60, all.length);
        byte[] rec = Arrays.copyOfRange(all, 24, 40);
        assertArrayEquals(new byte[] {2, 0, 0, 0, 3, 0, 0, 0, 60, 0, 0, 0, 60, 0, 0, 0}, rec);
        assertEquals((byte) 0xab, all[40]);
        assertEquals(1, w.packets());
    }

    @Test
    void aNicTapRecordsSentFrames() throws Exception {
        dev.netspec.sim.Simulator sim = new dev.netspec.sim.Simulator(1);
        Nic nic = new Nic(sim, "eth0", NicConfig.defaults());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        nic.setTap(new PcapWriter(out));
        nic.txRing().post(dev.netspec.buf.Mbuf.copyOf(new byte[20]));
        nic.kickTransmit();
        sim.runToCompletion();
        // short frames are padded to the 60-byte minimum before they go on the wire
        assertEquals(24 + 16 + 60, out.size());
    }
}
