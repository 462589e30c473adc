package io.jenkins.plugins.iamjanitor.plugin;

import io.jenkins.plugins.iamjanitor.core.port.ProgressListener;
import java.io.PrintStream;
import java.util.List;

/** Progress lines to the build log, prefixed, with every known secret masked (defence in depth). */
final class BuildLog implements ProgressListener {
    static final String PREFIX = "[iam-janitor] ";
    private final PrintStream out;
    private final List<String> secrets;

    BuildLog(PrintStream out, List<String> secrets) {
        this.out = out;
        this.secrets = secrets.stream().filter(s -> s != null && s.length() >= 4).toList();
    }

    @Override
    public void progress(String line) {
        out.println(PREFIX + mask(line));
    }

    String mask(String text) {
        String masked = text == null ? "" : text;
        for (String s : secrets) {
            masked = masked.replace(s, "****");
        }
        return masked;
    }
}
