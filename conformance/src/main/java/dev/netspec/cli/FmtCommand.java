package dev.netspec.cli;

import dev.netspec.trace.Formatter;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code netspec fmt}: rewrite trace files in canonical form, or check that they are. */
@Command(name = "fmt",
        mixinStandardHelpOptions = true,
        description = {
            "Rewrite trace files (scenarios and recordings) in canonical form. Directories are searched",
            "for *.trace files. A file with syntax errors is left unchanged and its errors are printed as",
            "file:line:col: message. Exit codes: 0 canonical (or rewritten), 1 not canonical (--check),",
            "2 errors."})
public final class FmtCommand implements Callable<Integer> {

    @Option(names = "--check", description = "Only report files that are not canonical; change nothing.")
    boolean check;

    @Parameters(paramLabel = "FILE", arity = "1..*", description = "Trace files or directories.")
    List<Path> files = new ArrayList<>();

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit;
        try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
                PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
            exit = Formatter.run(files, check, o, e);
        }
        spec.commandLine().getOut().print(out.toString(StandardCharsets.UTF_8));
        spec.commandLine().getOut().flush();
        spec.commandLine().getErr().print(err.toString(StandardCharsets.UTF_8));
        spec.commandLine().getErr().flush();
        return exit;
    }
}
