package dev.netspec.check;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import tlc2.tool.impl.ModelConfig;

/**
 * Reads a configuration with TLC's own parser, so that names are listed exactly as TLC will see them.
 * {@code ModelConfig} is used in-process under a lock: it is cheap, and one lexer at a time keeps us
 * clear of any shared state inside TLC's parser classes.
 */
final class TlcConfigs {

    private static final Object LOCK = new Object();

    private TlcConfigs() {}

    /**
     * The names the CONSTANT(S) section gives a value with {@code =} (not {@code <-} overrides, which TLC
     * checks itself, nor module-qualified {@code [M]} ones), or empty when TLC's parser rejects the file.
     */
    static Optional<List<String>> assignedConstants(Path cfg) {
        synchronized (LOCK) {
            try {
                ModelConfig config = new ModelConfig(cfg.toString(), null);
                config.parse();
                List<String> names = new ArrayList<>();
                for (int i = 0; i < config.getConstants().size(); i++) {
                    Object row = config.getConstants().elementAt(i);
                    if (row instanceof tlc2.util.Vect<?> v && v.size() > 0) {
                        names.add(String.valueOf(v.elementAt(0)));
                    }
                }
                return Optional.of(names);
            } catch (RuntimeException e) {
                return Optional.empty();
            }
        }
    }

    /** The PROPERTY names in order, or empty when TLC's parser rejects the file. */
    static Optional<List<String>> properties(Path cfg) {
        synchronized (LOCK) {
            try {
                ModelConfig config = new ModelConfig(cfg.toString(), null);
                config.parse();
                List<String> names = new ArrayList<>();
                for (int i = 0; i < config.getProperties().size(); i++) {
                    names.add(String.valueOf(config.getProperties().elementAt(i)));
                }
                return Optional.of(names);
            } catch (RuntimeException e) {
                return Optional.empty();
            }
        }
    }
}
