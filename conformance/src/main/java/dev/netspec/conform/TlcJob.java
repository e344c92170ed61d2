package dev.netspec.conform;

import dev.netspec.check.Outcome;
import dev.netspec.check.TlcResult;
import dev.netspec.check.TlcRunner;
import dev.netspec.check.ToolOutputParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One TLC run on a generated module: a fresh temporary directory receives a copy of every
 * {@code .tla} of the spec directory (TLC 2.18 reads a configuration only from the root module's
 * directory, and the spec directory is not ours to write) plus the generated files, and TLC runs
 * there in its own JVM with its own {@code java.io.tmpdir} (TLC JVMs sharing /tmp race on the
 * standard modules they unpack there, see {@link TlcRunner}). The directory is removed afterwards;
 * {@link Reader} looks at what TLC wrote (dumps, simulation files) before that.
 */
final class TlcJob {
    /** Counts TLC processes started, so tests and the benchmark can prove batching. */
    static final AtomicInteger STARTED = new AtomicInteger();

    /** What TLC left: its exit code, parsed outcome, and the working directory (valid inside {@link Reader}). */
    record Done(int exit, TlcResult result, Path dir, String stdout) {
        boolean failed() {
            return result.outcome() instanceof Outcome.Error;
        }

        /** TLC's own one-line reason, for ERROR verdicts. */
        String reason() {
            return result.outcome() instanceof Outcome.Error e ? e.message() : result.outcome().describe();
        }
    }

    @FunctionalInterface
    interface Reader<T> {
        T read(Done done) throws IOException;
    }

    private final Path java;
    private final Path jar;

    TlcJob(Path java, Path jar) {
        this.java = java;
        this.jar = jar;
    }

    static TlcJob ofThisJvm() {
        return new TlcJob(Path.of(System.getProperty("java.home"), "bin", "java"), TlcRunner.tlaToolsJar());
    }

    /**
     * Runs TLC on {@code root}.tla with {@code root}.cfg, both among {@code files} (name -> text),
     * with {@code extraArgs} (e.g. {@code -dump dot,actionlabels states}).
     */
    <T> T run(Path specDir, Map<String, String> files, String root, List<String> extraArgs, Reader<T> reader)
            throws IOException, InterruptedException {
        Path work = Files.createTempDirectory("netspec-conform-");
        try {
            try (var modules = Files.newDirectoryStream(specDir, "*.tla")) {
                for (Path m : modules) {
                    Files.copy(m, work.resolve(m.getFileName()));
                }
            }
            for (var f : files.entrySet()) {
                Files.writeString(work.resolve(f.getKey()), f.getValue(), StandardCharsets.UTF_8);
            }
            Path tmp = Files.createDirectories(work.resolve("tmp"));
            List<String> command = new ArrayList<>(List.of(java.toString(), "-XX:+UseParallelGC", "-Xss16m",
                    "-Djava.io.tmpdir=" + tmp, "-cp", jar.toString(), "tlc2.TLC", "-tool", "-workers", "1",
                    "-metadir", work.resolve("meta").toString(), "-config", root + ".cfg"));
            command.addAll(extraArgs);
            command.add(root + ".tla");
            Path out = work.resolve("tlc.out");
            Path err = work.resolve("tlc.err");
            Process p = new ProcessBuilder(command).directory(work.toFile())
                    .redirectOutput(out.toFile()).redirectError(err.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
            STARTED.incrementAndGet();
            int exit;
            try {
                exit = p.waitFor();
            } catch (InterruptedException e) {
                p.destroyForcibly();
                throw e;
            }
            String stdout = Files.readString(out, StandardCharsets.UTF_8);
            TlcResult result = ToolOutputParser.parse(stdout, Files.readString(err, StandardCharsets.UTF_8), exit);
            return reader.read(new Done(exit, result, work, stdout));
        } finally {
            delete(work);
        }
    }

    static void delete(Path root) {
        try {
            Files.walkFileTree(root, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    Files.deleteIfExists(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path dir, IOException exc) throws IOException {
                    Files.deleteIfExists(dir);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            // A leftover temporary directory is harmless; the verdicts are what matter.
        }
    }
}
