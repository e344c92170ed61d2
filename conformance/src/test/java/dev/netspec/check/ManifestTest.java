package dev.netspec.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class ManifestTest {

    private static final Path FILE = Path.of("spec/manifest.tsv");
    private static final String HEADER = "# comment\n# module\tconfig\ttier\texpected\tstates\n\n";

    @Test
    void readsEveryKindOfRow() throws ManifestException {
        Manifest m = Manifest.parse(FILE, HEADER
                + "RxPath\tMC_RxPath_napi\tsmall\tpass\t1234\n"
                + "RxPath\tMC_RxPath_classic\tsmall\tviolates AppProgress\t-\n"
                + "Tcp\tMC_Tcp_big\tdeep\tdeadlock\t0\r\n");
        List<ManifestEntry> e = m.entries();
        assertEquals(3, e.size());
        assertEquals(new ManifestEntry("RxPath", "MC_RxPath_napi", Tier.SMALL, new Expected.Pass(), OptionalLong.of(1234), FILE, 4),
                e.get(0));
        assertEquals(new Expected.Violates("AppProgress"), e.get(1).expected());
        assertEquals(OptionalLong.empty(), e.get(1).states());
        assertEquals(Tier.DEEP, e.get(2).tier());
        assertEquals(new Expected.Deadlock(), e.get(2).expected());
        assertEquals("spec/manifest.tsv:6", e.get(2).where());
    }

    @Test
    void theRealManifestHeaderAloneHasNoRows() throws ManifestException {
        String header = "# The expected outcome ...\n# Columns (tab-separated):\n#   module    the .tla module\n"
                + "# module\tconfig\ttier\texpected\tstates\n";
        assertTrue(Manifest.parse(FILE, header).entries().isEmpty());
    }

    @Test
    void malformedRowsSayFileLineAndWhat() {
        assertMalformed("A\tMC_A_x\tsmall\tpass\n", "spec/manifest.tsv:4: expected 5 tab-separated columns");
        assertMalformed("A MC_A_x small pass -\n", "spec/manifest.tsv:4: expected 5 tab-separated columns (module, config, tier, "
                + "expected, states), found 1 (columns must be separated by tabs, not spaces)");
        assertMalformed("A\tMC_A_x\tmedium\tpass\t-\n", "spec/manifest.tsv:4: tier must be 'small' or 'deep', found 'medium'");
        assertMalformed("A\tMC_A_x\tsmall\tfails\t-\n",
                "spec/manifest.tsv:4: expected must be 'pass', 'deadlock' or 'violates <Property>', found 'fails'");
        assertMalformed("A\tMC_A_x\tsmall\tviolates\t-\n", "spec/manifest.tsv:4: 'violates' must be followed by exactly one property name");
        assertMalformed("A\tMC_A_x\tsmall\tviolates P Q\t-\n", "spec/manifest.tsv:4: 'violates' must be followed by exactly one property name");
        assertMalformed("A\tMC_A_x\tsmall\tpass\t12k\n", "spec/manifest.tsv:4: states must be a distinct-state count or '-', found '12k'");
        assertMalformed("A\tMC_A_x\tsmall\tpass\t-1\n", "spec/manifest.tsv:4: states must be");
        assertMalformed("A.tla\tMC_A_x\tsmall\tpass\t-\n", "spec/manifest.tsv:4: module must be a TLA+ name");
        assertMalformed("A\t\tsmall\tpass\t-\n", "spec/manifest.tsv:4: config must be a TLA+ name");
        assertMalformed("A\tMC_A_x\tsmall\tpass\t-\nA\tMC_A_x\tdeep\tpass\t-\n",
                "spec/manifest.tsv:5: config MC_A_x is already listed at line 4");
    }

    @Test
    void missingFileIsAnError() {
        ManifestException e = assertThrows(ManifestException.class, () -> Manifest.read(Path.of("/nonexistent/manifest.tsv")));
        assertEquals("/nonexistent/manifest.tsv: manifest not found", e.getMessage());
    }

    @Test
    void selectsByTierAndName() throws ManifestException {
        Manifest m = Manifest.parse(FILE, HEADER
                + "RxPath\tMC_RxPath_napi\tsmall\tpass\t-\n"
                + "RxPath\tMC_RxPath_classic\tsmall\tviolates AppProgress\t-\n"
                + "RxPath\tMC_RxPath_napi_big\tdeep\tpass\t-\n"
                + "Tcp\tMC_Tcp_handshake\tsmall\tpass\t-\n");
        assertEquals(List.of("MC_RxPath_napi", "MC_RxPath_classic", "MC_Tcp_handshake"), configs(m.select(false, List.of())));
        assertEquals(4, m.select(true, List.of()).size());
        assertEquals(List.of("MC_RxPath_napi"), configs(m.select(false, List.of("NAPI"))));
        assertEquals(List.of("MC_RxPath_napi", "MC_RxPath_napi_big"), configs(m.select(true, List.of("napi"))));
        assertEquals(List.of("MC_RxPath_napi", "MC_RxPath_classic"), configs(m.select(false, List.of("rxpath"))));
        assertEquals(List.of("MC_RxPath_classic", "MC_Tcp_handshake"), configs(m.select(false, List.of("Tcp", "classic"))));
        IllegalArgumentException none = assertThrows(IllegalArgumentException.class, () -> m.select(false, List.of("ipv6")));
        assertEquals("no configuration in spec/manifest.tsv matches 'ipv6'", none.getMessage());
        IllegalArgumentException deep = assertThrows(IllegalArgumentException.class, () -> m.select(false, List.of("big")));
        assertTrue(deep.getMessage().endsWith("(it names a deep configuration: add --deep)"));
    }

    private static List<String> configs(List<ManifestEntry> entries) {
        return entries.stream().map(ManifestEntry::config).toList();
    }

    private static void assertMalformed(String rows, String expectedStart) {
        ManifestException e = assertThrows(ManifestException.class, () -> Manifest.parse(FILE, HEADER + rows));
        assertTrue(e.getMessage().startsWith(expectedStart), "'" + e.getMessage() + "' should start with '" + expectedStart + "'");
    }
}
