package io.jenkins.plugins.iamjanitor.cli;

import io.jenkins.plugins.iamjanitor.core.config.EffectivePolicy;
import io.jenkins.plugins.iamjanitor.core.config.PolicyError;
import io.jenkins.plugins.iamjanitor.core.config.PolicyException;
import io.jenkins.plugins.iamjanitor.integrations.config.PolicyFileParser;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "check-config", mixinStandardHelpOptions = true,
        description = {"Validates a policy file (iam-janitor.yml) and prints the effective policy, defaults filled in.",
                "Exit 0 when valid; 1 with every error (file:line:column: message) otherwise. Reads nothing else."})
final class CheckConfigCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "FILE", arity = "0..1", description = "The file (default: ./iam-janitor.yml).")
    Path file;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Path chosen = file == null ? ConfigOptions.DEFAULT_FILE : file;
        try {
            EffectivePolicy policy = new PolicyFileParser().read(chosen).effective();
            policy.describe().forEach(out::println);
            out.flush();
            return IamJanitorCli.OK;
        } catch (PolicyException e) {
            print(err, e);
            err.println(e.errors().size() + " error(s) in " + chosen);
            err.flush();
            return IamJanitorCli.FAILURE;
        }
    }

    static void print(PrintWriter err, PolicyException e) {
        for (PolicyError error : e.errors()) {
            err.println(error);
        }
    }
}
