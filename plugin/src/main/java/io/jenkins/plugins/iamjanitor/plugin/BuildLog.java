package io.jenkins.plugins.iamjanitor.plugin;

import io.jenkins.plugins.iamjanitor.core.port.ProgressListener;
import java.io.PrintStream;
import java.util.List;
import java.util.function.Supplier;

/**
 * Progress lines to the build log, prefixed, with every known secret masked (defence in depth). The secrets are read
 * at each line, not once: credentials are looked up lazily, after the log is opened, by the adapters a step builds.
 */
final class BuildLog implements ProgressListener {
    static final String PREFIX = "[iam-janitor] ";
    private final PrintStream out;
    private final Supplier<List<String>> secrets;

    BuildLog(PrintStream out, Supplier<List<String>> secrets) {
        this.out = out;
        this.secrets = secrets;
    }

    BuildLog(PrintStream out, List<String> secrets) {
        this(out, () -> secrets);
    }

    @Override
    public void progress(String line) {
        out.println(PREFIX + mask(line));
    }

    String mask(String text) {
        String masked = text == null ? "" : text;
        for (String s : secrets.get()) {
            if (s != null && s.length() >= 4) {
                masked = masked.replace(s, "****");
            }
        }
        return masked;
    }
}
