package dev.netspec.check;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs TLC on a list of manifest rows, {@code jobs} JVMs at a time, and returns the rows in the order
 * given (manifest order) whatever order they finish in. Each TLC runs with one worker: parallelism comes
 * from running configurations side by side, which keeps every run's state counts deterministic.
 *
 * <p>This is the Java API behind {@code netspec check}; {@code netspec demo} can call it directly and
 * print with {@link ResultTable} and {@link CounterexamplePrinter}.
 */
public final class SpecChecker {

    /** Called as each configuration finishes (from worker threads, one call at a time). */
    @FunctionalInterface
    public interface Progress {
        void finished(int done, int total, CheckRow row);

        /** Called as TLC starts on a configuration (from worker threads, one call at a time). */
        default void started(ManifestEntry entry) { }

        Progress NONE = (done, total, row) -> { };
    }

    private final TlcRunner runner;
    private final Path specDir;

    public SpecChecker(TlcRunner runner, Path specDir) {
        this.runner = runner;
        this.specDir = specDir;
    }

    public Path specDir() {
        return specDir;
    }

    public List<CheckRow> run(List<ManifestEntry> entries, int jobs, Progress progress) throws InterruptedException {
        if (jobs < 1) {
            throw new IllegalArgumentException("jobs must be at least 1, was " + jobs);
        }
        if (entries.isEmpty()) {
            return List.of();
        }
        AtomicInteger done = new AtomicInteger();
        Object progressLock = new Object();
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(jobs, entries.size()), r -> {
            Thread t = new Thread(r, "netspec-check");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<CheckRow>> futures = new ArrayList<>();
            for (ManifestEntry entry : entries) {
                futures.add(pool.submit(() -> {
                    synchronized (progressLock) {
                        progress.started(entry);
                    }
                    CheckRow row = new CheckRow(entry, runner.check(specDir, entry.module(), entry.config()));
                    synchronized (progressLock) {
                        progress.finished(done.incrementAndGet(), entries.size(), row);
                    }
                    return row;
                }));
            }
            List<CheckRow> rows = new ArrayList<>();
            for (Future<CheckRow> f : futures) {
                try {
                    rows.add(f.get());
                } catch (ExecutionException e) {
                    // check() reports TLC's failures as results; reaching here is a bug in this code.
                    throw new IllegalStateException("checking a configuration failed: " + e.getCause(), e.getCause());
                }
            }
            return rows;
        } finally {
            pool.shutdownNow();
        }
    }
}
