package dev.netspec.conform.ring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The ring mapping on hand-built readings: counters and packet numbers in, NicRing's variables out. */
class RingValuesTest {

    private static RingValues rx(int n, long dmas, int owned, List<Integer> done) {
        return new RingValues(n, dmas, owned, done, 0, 0, 0, List.of(), List.of(), 0, 0, List.of(), List.of());
    }

    @Test
    void freshlyStockedRingsAreNicRingsInit() {
        // The stack's driver stocks all S = 2 RX descriptors: NicRing's N = 3 with one kept back.
        Map<String, String> v = rx(3, 0, 2, List.of()).toTla();
        assertEquals("(0 :> 0 @@ 1 :> 0 @@ 2 :> 0)", v.get("rxBuf"));
        assertEquals("(0 :> FALSE @@ 1 :> FALSE @@ 2 :> FALSE)", v.get("rxDD"));
        assertEquals("0", v.get("rdh"));
        assertEquals("2", v.get("rdt"));
        assertEquals("0", v.get("rxNext"));
        assertEquals("1", v.get("rxClean"));
        assertEquals("0", v.get("tdh"));
        assertEquals("0", v.get("tdt"));
        assertEquals("0", v.get("txNext"));
        assertEquals("<<>>", v.get("wire"));
        assertEquals(RingValues.VARIABLES, List.copyOf(v.keySet()));
    }

    @Test
    void doneFramesSitBehindTheHeadAndWrapRoundTheRing() {
        // N = 5: six DMAs so far (head at 6 mod 5 = 1), the last two not yet taken, two buffers posted.
        Map<String, String> v = rx(5, 6, 2, List.of(5, 6)).toTla();
        assertEquals("1", v.get("rdh"));
        assertEquals("4", v.get("rxNext"));
        assertEquals("3", v.get("rdt"));
        assertEquals("1", v.get("rxClean"));
        assertEquals("(0 :> 6 @@ 1 :> 0 @@ 2 :> 0 @@ 3 :> 0 @@ 4 :> 5)", v.get("rxBuf"));
        assertEquals("(0 :> TRUE @@ 1 :> FALSE @@ 2 :> FALSE @@ 3 :> FALSE @@ 4 :> TRUE)", v.get("rxDD"));
    }

    @Test
    void aFullRxRingLeavesNoCleanDescriptorButTheKeptBackOne() {
        // S = 4 descriptors all done: the NIC owns none, head = tail in NicRing's N = 5.
        Map<String, String> v = rx(5, 4, 0, List.of(1, 2, 3, 4)).toTla();
        assertEquals("4", v.get("rdh"));
        assertEquals("4", v.get("rdt"));
        assertEquals("0", v.get("rxNext"));
        assertEquals("1", v.get("rxClean"));
    }

    @Test
    void txRingSentThenQueuedFromNextToReclaim() {
        // N = 5: seven packets posted (tail 2); one sent awaiting reclaim, two queued.
        RingValues r = new RingValues(5, 0, 4, List.of(), 7, 1, 2, List.of(4, 5, 6), List.of(7, 8), 9, 1, List.of(),
                List.of(1, 2, 3, 4));
        Map<String, String> v = r.toTla();
        assertEquals("2", v.get("tdt"));
        assertEquals("0", v.get("tdh"));
        assertEquals("4", v.get("txNext"));
        assertEquals("(0 :> 5 @@ 1 :> 6 @@ 2 :> 0 @@ 3 :> 0 @@ 4 :> 4)", v.get("txBuf"));
        assertEquals("(0 :> FALSE @@ 1 :> FALSE @@ 2 :> FALSE @@ 3 :> FALSE @@ 4 :> TRUE)", v.get("txDD"));
        assertEquals("<<7, 8>>", v.get("stack"));
        assertEquals("<<1, 2, 3, 4>>", v.get("wire"));
        assertEquals("9", v.get("arrived"));
        assertEquals("1", v.get("missed"));
        assertEquals("<<>>", v.get("lost"));
    }

    @Test
    void nicRingNeedsTwoDescriptors() {
        assertThrows(IllegalArgumentException.class, () -> rx(1, 0, 0, List.of()));
    }
}
