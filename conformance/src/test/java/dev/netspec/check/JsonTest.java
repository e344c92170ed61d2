package dev.netspec.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonTest {

    @Test
    void writesNestedValuesInOrder() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", "MC_A");
        m.put("states", 12L);
        m.put("rate", 2.5);
        m.put("ok", true);
        m.put("recorded", null);
        m.put("list", List.of(1, "two"));
        m.put("empty", Map.of());
        assertEquals("""
                {
                  "name": "MC_A",
                  "states": 12,
                  "rate": 2.500,
                  "ok": true,
                  "recorded": null,
                  "list": [
                    1,
                    "two"
                  ],
                  "empty": {}
                }
                """, Json.write(m));
    }

    @Test
    void escapesStringsPerRfc8259() {
        assertEquals("\"a\\\"b\\\\c\\nd\\te\\u0001 <<1>> /\\\\ x\"\n", Json.write("a\"b\\c\nd\te\u0001 <<1>> /\\ x"));
    }

    @Test
    void nonFiniteNumbersBecomeNull() {
        assertEquals("[\n  null,\n  null\n]\n", Json.write(Arrays.asList(Double.NaN, Double.POSITIVE_INFINITY)));
    }

    @Test
    void rejectsValuesWithNoJsonForm() {
        assertThrows(IllegalArgumentException.class, () -> Json.write(new Object()));
    }
}
