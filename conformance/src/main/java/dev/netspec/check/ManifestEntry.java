package dev.netspec.check;

import java.nio.file.Path;
import java.util.OptionalLong;

/**
 * One row of {@code spec/manifest.tsv}: run TLC on {@code spec/<config>.cfg} against
 * {@code spec/<module>.tla} and expect {@code expected}; {@code states} is the recorded distinct-state
 * count (a regression value), empty while not recorded.
 */
public record ManifestEntry(String module, String config, Tier tier, Expected expected, OptionalLong states,
                            Path file, int line) {

    /** Where this row lives, as {@code file:line}, for messages. */
    public String where() {
        return file + ":" + line;
    }
}
