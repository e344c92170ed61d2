package dev.netspec.trace.bench;

import dev.netspec.trace.ParseResult;
import dev.netspec.trace.TraceParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * JMH: time to parse (syntax, AST, checks) a recorded trace of {@code steps} steps, the
 * same shape as {@link RecordedTraceBench} writes, keeping the whole AST ({@code parse}) or
 * streaming the steps ({@code stream}). MB/s = file size / score. `make bench`
 * runs it with {@code -p steps=1000000}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2)
@Measurement(iterations = 5)
@Fork(value = 1, jvmArgsAppend = {"-Xmx8g", "-XX:+UseParallelGC"})
public class ParseRecordedTraceBenchmark {
    @Param({"100000", "1000000"})
    public int steps;

    private Path file;

    @Setup(Level.Trial)
    public void write() throws IOException {
        file = Files.createTempFile("jmh-recorded-", ".trace");
        RecordedTraceBench.write(file, steps);
    }

    @TearDown(Level.Trial)
    public void delete() throws IOException {
        Files.deleteIfExists(file);
    }

    /** The whole AST, as {@code netspec check} and the formatter need it. */
    @Benchmark
    public ParseResult parse() {
        return TraceParser.parse(file);
    }

    /**
     * The same parse and checks, but each step handed to a consumer and dropped
     * ({@link TraceParser#streamSteps}): what a conformance check over a long recording uses.
     */
    @Benchmark
    public ParseResult stream(Blackhole sink) {
        ParseResult result = TraceParser.streamSteps(file, sink::consume);
        if (!result.ok()) {
            throw new IllegalStateException(result.render());
        }
        return result;
    }
}
