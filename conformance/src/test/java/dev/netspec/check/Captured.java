package dev.netspec.check;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/** Real TLC 2.18 output captured by {@code src/test/resources/tlc-output/capture.sh}, and the toy specs. */
final class Captured {

    private Captured() {}

    static String text(String resource) {
        try (InputStream in = Captured.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource " + resource);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Parses the captured run of one toy configuration. */
    static TlcResult result(String config) {
        int exit = Integer.parseInt(text("/tlc-output/" + config + ".exit").strip());
        return ToolOutputParser.parse(text("/tlc-output/" + config + ".out"), "", exit);
    }

    static Path toySpecs() {
        try {
            return Path.of(Captured.class.getResource("/toyspecs/manifest.tsv").toURI()).getParent();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
