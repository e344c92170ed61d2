package dev.netspec.conform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Value comparison as text: spacing, set order and record field order do not matter; sequence order does. */
class TlaTextTest {
    @Test
    void setsCompareAsSetsAndSequencesAsSequences() {
        assertTrue(TlaText.same("{\"ring_full\", \"ipintrq_full\"}", "{\"ipintrq_full\",\"ring_full\"}"));
        assertTrue(TlaText.same("{1, 1, 2}", "{2, 1}"), "a set has no duplicates");
        assertFalse(TlaText.same("<<1, 2>>", "<<2, 1>>"));
        assertTrue(TlaText.same("<<{2, 1}, <<>>>>", "<< {1,2}, << >> >>"));
        assertFalse(TlaText.same("{1, 2}", "{1, 3}"));
    }

    @Test
    void recordsCompareByFieldWhateverTheOrder() {
        assertTrue(TlaText.same("[pkt |-> 1, reason |-> \"ring_full\"]", "[reason |-> \"ring_full\", pkt |-> 1]"));
        assertFalse(TlaText.same("[pkt |-> 1, reason |-> \"a\"]", "[pkt |-> 2, reason |-> \"a\"]"));
        assertTrue(TlaText.same("<<[b |-> {2, 1}, a |-> 0]>>", "<<[a |-> 0, b |-> {1, 2}]>>"));
    }

    @Test
    void stringsKeepTheirSpacesAndBrackets() {
        assertFalse(TlaText.same("\"a b\"", "\"ab\""));
        assertEquals("{\"x, y\",\"}\"}", TlaText.canonical("{ \"}\", \"x, y\" }"));
    }
}
