package dev.netspec.check;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConstantLintTest {

    private static final String MODULE = """
            ---- MODULE M ----
            EXTENDS Naturals
            CONSTANT Ring \\* RingSize was renamed to Ring
            (* Quota is mentioned in a comment only *)
            VARIABLE x
            Init == x = "Budget"
            Next == x' = x
            ====
            """;

    @Test
    void declaredConstantsPass(@TempDir Path dir) throws IOException {
        assertEquals(Optional.empty(), lint(dir, "CONSTANT Ring = 4\nINIT Init\nNEXT Next\n"));
    }

    @Test
    void standardModuleNamesPass(@TempDir Path dir) throws IOException {
        // Overriding a definition of an extended standard module is legal TLC usage.
        assertEquals(Optional.empty(), lint(dir, "CONSTANT Ring = 4\nNat = {0, 1}\nINIT Init\nNEXT Next\n"));
    }

    @Test
    void namesOnlyInCommentsOrStringsOrNowhereAreReported(@TempDir Path dir) throws IOException {
        assertEquals(Optional.of("t.cfg assigns a value to RingSize, Quota, Budget, which no module declares "
                        + "(TLC 2.18 would silently ignore them)"),
                lint(dir, "CONSTANTS Ring = 4\nRingSize = 4\nQuota = 2\nBudget = 1\nINIT Init\nNEXT Next\n"));
    }

    @Test
    void overridesAreLeftToTlc(@TempDir Path dir) throws IOException {
        // TLC rejects "Nope <- Ring" itself ("the identifier Nope does not appear in the specification").
        assertEquals(Optional.empty(), lint(dir, "CONSTANT Ring = 4\nNope <- Ring\nINIT Init\nNEXT Next\n"));
    }

    private static Optional<String> lint(Path dir, String cfg) throws IOException {
        Files.writeString(dir.resolve("M.tla"), MODULE);
        Path file = Files.writeString(dir.resolve("t.cfg"), cfg);
        return ConstantLint.check(dir, file);
    }
}
