package io.jenkins.plugins.iamjanitor.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Entry point: {@code iam-janitor <command>}. Exit codes: 0 ok, 1 failure, 2 usage error. */
@Command(
        name = "iam-janitor",
        mixinStandardHelpOptions = true,
        versionProvider = IamJanitorCli.Version.class,
        description = "Finds inactive AWS IAM users and removes them safely, with a human in the loop.",
        subcommands = {CommandLine.HelpCommand.class})
public final class IamJanitorCli {

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs without exiting, for tests. */
    public static int run(String... args) {
        return newCommandLine().execute(args);
    }

    static CommandLine newCommandLine() {
        return new CommandLine(new IamJanitorCli());
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = IamJanitorCli.class.getPackage().getImplementationVersion();
            return new String[] {"iam-janitor " + (v == null ? "dev" : v)};
        }
    }
}
