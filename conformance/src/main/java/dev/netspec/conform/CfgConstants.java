package dev.netspec.conform;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import tlc2.tool.impl.ModelConfig;

/**
 * The constants a TLC configuration assigns with {@code =}, as TLA+ text, read with TLC's own
 * parser (so strings, sets and model values are exactly what TLC would see). Used to give an event
 * scenario the constants of a configuration ({@code explore --config}, {@code check --emit-scenario}).
 */
public final class CfgConstants {
    private static final Object LOCK = new Object(); // one ModelConfig parse at a time, as dev.netspec.check does

    private CfgConstants() {
    }

    /** Empty when TLC's parser rejects the file. */
    public static Optional<Map<String, String>> read(Path cfg) {
        synchronized (LOCK) {
            try {
                ModelConfig config = new ModelConfig(cfg.toString(), null);
                config.parse();
                Map<String, String> out = new LinkedHashMap<>();
                for (int i = 0; i < config.getConstants().size(); i++) {
                    if (config.getConstants().elementAt(i) instanceof tlc2.util.Vect<?> row && row.size() == 2) {
                        out.put(String.valueOf(row.elementAt(0)), String.valueOf(row.elementAt(1)));
                    }
                }
                return Optional.of(out);
            } catch (RuntimeException e) {
                return Optional.empty();
            }
        }
    }
}
