package io.jenkins.plugins.iamjanitor.cli;

import io.jenkins.plugins.iamjanitor.core.config.PolicyFile;
import io.jenkins.plugins.iamjanitor.integrations.config.PolicyFileParser;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** {@code --config FILE}: the policy file; {@code ./iam-janitor.yml} when present and no file is named. */
public final class ConfigOptions {
    static final Path DEFAULT_FILE = Path.of("iam-janitor.yml");

    @Option(names = "--config", paramLabel = "FILE",
            description = "Policy file (see docs/configuration.md; default: ./iam-janitor.yml when present).")
    Path file;

    /** The file as written, or an empty policy when there is none; a named file that is missing is an error. */
    PolicyFile load(PrintWriter err, boolean useDefaultFile) {
        Path chosen = file;
        if (chosen == null && useDefaultFile && Files.isRegularFile(DEFAULT_FILE)) {
            chosen = DEFAULT_FILE;
        }
        if (chosen == null) {
            return PolicyFile.empty("built-in defaults");
        }
        PolicyFile policy = new PolicyFileParser().read(chosen);
        err.println("Policy: " + chosen);
        err.flush();
        return policy;
    }
}
