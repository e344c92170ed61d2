package dev.netspec.check;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The PROPERTY surgery, cross-checked against TLC's own configuration parser. */
class ConfigFileTest {

    private static final String TRICKY = """
            \\* PROPERTY InALineComment
            CONSTANT Max = 3 (* PROPERTY InABlockComment (* nested *) *)
            CONSTANTS S = {"PROPERTY", "x"}
            SPECIFICATION Spec PROPERTY A
              B
            INVARIANT TypeOK
            PROPERTIES C (* between *) D""";

    @Test
    void listsPropertiesAsTlcDoes(@TempDir Path dir) throws IOException {
        Path cfg = Files.writeString(dir.resolve("t.cfg"), TRICKY);
        assertEquals(List.of("A", "B", "C", "D"), new ConfigFile(TRICKY).properties());
        assertEquals(Optional.of(List.of("A", "B", "C", "D")), TlcConfigs.properties(cfg));
    }

    @Test
    void oneProprtyCopyKeepsEverythingElse(@TempDir Path dir) throws IOException {
        String only = new ConfigFile(TRICKY).withOnlyProperty("C");
        Path cfg = Files.writeString(dir.resolve("only.cfg"), only);
        assertEquals(Optional.of(List.of("C")), TlcConfigs.properties(cfg));
        assertEquals(List.of("C"), new ConfigFile(only).properties());
        // Everything but the PROPERTY sections survives, lines included (TLC's errors cite line numbers).
        assertEquals(TRICKY.lines().count() + 2, only.lines().count());
        assertEquals(TRICKY.lines().toList().subList(0, 3), only.lines().toList().subList(0, 3));
        assertEquals("INVARIANT TypeOK", only.lines().toList().get(5));
    }

    @Test
    void aConfigurationTlcRejectsHasNoPropertyList(@TempDir Path dir) throws IOException {
        Path cfg = Files.writeString(dir.resolve("bad.cfg"), "CONSTANT Max = 2\nFOO Bar\n");
        assertEquals(Optional.empty(), TlcConfigs.properties(cfg));
    }
}
