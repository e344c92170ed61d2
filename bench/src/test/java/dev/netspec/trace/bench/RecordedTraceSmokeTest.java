package dev.netspec.trace.bench;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.netspec.trace.ParseResult;
import dev.netspec.trace.TraceParser;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The parse benchmark's input is a valid recording (no timing here: `make bench` measures). */
class RecordedTraceSmokeTest {

    @Test
    void theGeneratedRecordingParsesWithEveryStep(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("recorded.trace");
        RecordedTraceBench.write(file, 500);
        ParseResult result = TraceParser.parse(file);
        assertTrue(result.ok(), result::render);
        assertTrue(result.trace().orElseThrow().items().size() >= 500);
    }

    @Test
    void theStreamingBenchmarkSeesEveryStep(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("recorded.trace");
        RecordedTraceBench.write(file, 500);
        java.util.concurrent.atomic.AtomicInteger steps = new java.util.concurrent.atomic.AtomicInteger();
        ParseResult result = TraceParser.streamSteps(file, step -> steps.incrementAndGet());
        assertTrue(result.ok(), result::render);
        org.junit.jupiter.api.Assertions.assertEquals(500, steps.get());
    }
}
