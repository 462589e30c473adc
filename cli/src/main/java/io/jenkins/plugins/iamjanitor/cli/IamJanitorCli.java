package io.jenkins.plugins.iamjanitor.cli;

import io.jenkins.plugins.iamjanitor.core.config.PolicyException;
import io.jenkins.plugins.iamjanitor.core.port.ServiceException;
import io.jenkins.plugins.iamjanitor.integrations.preflight.PreflightException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.logging.Level;
import java.util.logging.Logger;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.ScopeType;

/** Entry point: {@code iam-janitor <command>}. Exit codes: 0 ok, 1 failure, 2 usage error. */
@Command(
        name = "iam-janitor",
        mixinStandardHelpOptions = true,
        versionProvider = IamJanitorCli.Version.class,
        description = "Finds inactive AWS IAM users and removes them safely, with a human in the loop.",
        subcommands = {CommandLine.HelpCommand.class})
public final class IamJanitorCli {
    public static final int OK = 0;
    public static final int FAILURE = 1;
    public static final int USAGE = 2;
    private static final String NO_CREDENTIALS = "Unable to load credentials from any of the providers";
    /** Held so the level sticks: the adapters' log lines repeat the progress lines, so only warnings are shown. */
    private static final Logger ADAPTER_LOG = Logger.getLogger("io.jenkins.plugins.iamjanitor");

    @Option(names = "--verbose", scope = ScopeType.INHERIT, description = "Print stack traces of errors.")
    boolean verbose;

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs without exiting, on System.out and System.err. */
    public static int run(String... args) {
        return run(System.out, System.err, args);
    }

    /** Runs without exiting, for tests: the report goes to {@code out}, progress and errors to {@code err}. */
    public static int run(PrintStream out, PrintStream err, String... args) {
        PrintWriter o = new PrintWriter(out, true, StandardCharsets.UTF_8);
        PrintWriter e = new PrintWriter(err, true, StandardCharsets.UTF_8);
        try {
            return newCommandLine(o, e, Clock.systemUTC()).execute(args);
        } finally {
            o.flush();
            e.flush();
        }
    }

    static CommandLine newCommandLine(PrintWriter out, PrintWriter err, Clock clock) {
        return newCommandLine(out, err, clock, System.getenv());
    }

    /** @param env the environment the commands read secrets from (tests pass their own) */
    static CommandLine newCommandLine(PrintWriter out, PrintWriter err, Clock clock,
            java.util.Map<String, String> env) {
        CommandLine cl = new CommandLine(new IamJanitorCli())
                .addSubcommand(new ScanCommand(clock))
                .addSubcommand(new SandboxCommand())
                .addSubcommand(new DeleteCommand(clock))
                .addSubcommand(new RestoreCommand(clock))
                .addSubcommand(new ReleaseCommand(clock, env))
                .addSubcommand(new ReviewCommand(clock))
                .addSubcommand(new DemoCommand(clock))
                .addSubcommand(new CheckConfigCommand());
        cl.setOut(out);
        cl.setErr(err);
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        cl.setParameterExceptionHandler((ex, args) -> {
            CommandLine cmd = ex.getCommandLine();
            cmd.getErr().println("error: " + ex.getMessage());
            cmd.getErr().println("Try '" + cmd.getCommandSpec().qualifiedName() + " --help' for usage.");
            return USAGE;
        });
        cl.setExecutionExceptionHandler((ex, cmd, parseResult) -> {
            PrintWriter e = cmd.getErr();
            if (ex instanceof PolicyException policy) {
                // Every error of the file, one a line, so an editor or CI log can jump to each.
                CheckConfigCommand.print(e, policy);
                e.println("Fix the policy file, then check it with 'iam-janitor check-config FILE'.");
                return USAGE;
            }
            if (ex instanceof PreflightException) {
                e.println("error: pre-flight check failed, nothing was asked or changed: " + ex.getMessage());
                if (verbose(parseResult)) {
                    ex.printStackTrace(e);
                }
                return FAILURE;
            }
            if (ex instanceof UsageException) {
                e.println("error: " + ex.getMessage());
                e.println("Try '" + cmd.getCommandSpec().qualifiedName() + " --help' for usage.");
                return USAGE;
            }
            e.println("error: " + oneLine(ex));
            if (verbose(parseResult)) {
                ex.printStackTrace(e);
            } else {
                e.println("(run with --verbose for details)");
            }
            return FAILURE;
        });
        return cl;
    }

    /** One line that names what failed; ServiceExceptions already say system, call and error code. */
    static String oneLine(Throwable ex) {
        String message = ex.getMessage();
        if (!(ex instanceof ServiceException) && (message == null || message.isBlank())) {
            message = ex.getClass().getSimpleName();
        }
        int chain = message.indexOf(NO_CREDENTIALS);
        if (chain >= 0) {
            // The SDK lists every provider it tried: accurate, but a screenful. --verbose still shows it.
            message = message.substring(0, chain) + "no AWS credentials found (set AWS_PROFILE or AWS_ACCESS_KEY_ID,"
                    + " or use --profile, --role-arn or --sandbox)";
        }
        return message.replaceAll("\\s*[\\r\\n]+\\s*", " ").strip();
    }

    /** For commands that print their own progress: silence the adapters' logging below warnings, unless --verbose. */
    static void quietAdapterLogsUnlessVerbose(CommandSpec spec) {
        if (!verbose(spec.root().commandLine().getParseResult())) {
            ADAPTER_LOG.setLevel(Level.WARNING);
        }
    }

    private static boolean verbose(ParseResult result) {
        for (ParseResult r = result; r != null; r = r.subcommand()) {
            if (r.hasMatchedOption("--verbose")) {
                return true;
            }
        }
        return false;
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = IamJanitorCli.class.getPackage().getImplementationVersion();
            return new String[] {"iam-janitor " + (v == null ? "dev" : v)};
        }
    }
}
