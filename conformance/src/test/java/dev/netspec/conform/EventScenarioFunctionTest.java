package dev.netspec.conform;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** TLA+ functions (NicRing's descriptor arrays) written into event scenarios and read back. */
class EventScenarioFunctionTest {

    @Test
    void aFunctionOverSlotsBecomesARecordOfPairsAndBack() {
        String tlc = "(0 :> 1 @@ 1 :> 0 @@ 2 :> 7)";
        String written = EventScenario.toScenario(tlc);
        assertEquals("[tla_function |-> <<<<0, 1>>, <<1, 0>>, <<2, 7>>>>]", written);
        assertEquals(tlc, EventScenario.fromScenario(written));
        assertEquals("(0 :> TRUE @@ 1 :> FALSE)", EventScenario.fromScenario(EventScenario.toScenario("(0 :> TRUE @@ 1 :> FALSE)")));
    }

    @Test
    void otherValuesAreLeftAlone() {
        for (String v : new String[] {"<<1, 2>>", "3", "\"napi\"", "[a |-> 1]", "{\"x\"}", "(1 + 2)"}) {
            assertEquals(v, EventScenario.toScenario(v));
            assertEquals(v, EventScenario.fromScenario(v));
        }
    }

    @Test
    void valuesInsideAFunctionMayNestAndHoldTheSeparators() {
        String tlc = "(0 :> <<1, 2>> @@ 1 :> \"a @@ b :> c\")";
        assertEquals(tlc, EventScenario.fromScenario(EventScenario.toScenario(tlc)));
    }
}
