package dev.netspec.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code netspec} command: one subcommand per job (see README). */
@Command(name = "netspec",
        mixinStandardHelpOptions = true,
        version = "netspec 0.1.0",
        description = "A formally checked reference network stack: model-check the specs, run the stack, hold the two against each other.",
        subcommands = {CommandLine.HelpCommand.class, CheckCommand.class, ConformCommand.class, ExploreCommand.class, DemoCommand.class, LivelockCommand.class, FmtCommand.class, RunCommand.class})
public final class Main implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /**
     * The configured command line. An exception escaping a subcommand is a bug, but the user still gets
     * one line and exit code 2 rather than a stack trace.
     */
    public static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new Main());
        cl.setExecutionExceptionHandler((ex, cmd, parseResult) -> {
            cmd.getErr().println("netspec " + cmd.getCommandName() + ": internal error: " + ex);
            cmd.getErr().flush();
            return 2;
        });
        return cl;
    }
}
