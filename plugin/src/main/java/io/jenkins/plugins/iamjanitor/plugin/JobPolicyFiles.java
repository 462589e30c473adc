package io.jenkins.plugins.iamjanitor.plugin;

import hudson.FilePath;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The job's policy files of one {@code iamListInactive}: the enclosing {@code iamJanitor} blocks' (outermost first),
 * then the step's own {@code config:} (a file in the workspace) or {@code configText:} (YAML text). Read on the step's
 * background thread (never the CPS VM thread), through the workspace's {@link FilePath}, so a file on an agent is read
 * where it is.
 */
final class JobPolicyFiles {
    /** Far above any real policy file; keeps a mistaken path (a log, an archive) from being read into memory. */
    static final long MAX_BYTES = 1024 * 1024;

    private final FilePath workspace;

    /** @param workspace the step's workspace; null outside {@code node} */
    JobPolicyFiles(FilePath workspace) {
        this.workspace = workspace;
    }

    List<StepPolicy.JobFile> read(JanitorBlockPolicy block, String config, String configText)
            throws IOException, InterruptedException {
        List<StepPolicy.JobFile> files = new ArrayList<>();
        if (block != null) {
            for (JanitorBlockPolicy.Entry e : block.entries()) {
                files.add(file("iamJanitor config", e.config, e.configText));
            }
        }
        if (config != null || configText != null) {
            files.add(file("config", config, configText));
        }
        return files;
    }

    private StepPolicy.JobFile file(String argument, String path, String text)
            throws IOException, InterruptedException {
        if (path != null && text != null) {
            throw StepArguments.invalid(argument, "give either config (a file in the workspace) or configText (YAML"
                    + " text), not both");
        }
        return text != null ? new StepPolicy.JobFile(StepPolicy.JOB, text)
                : new StepPolicy.JobFile(path, readFile(argument, path));
    }

    private String readFile(String argument, String path) throws IOException, InterruptedException {
        if (workspace == null) {
            throw new IllegalArgumentException(argument + ": '" + path + "' needs a workspace: call iamListInactive"
                    + " inside node { }");
        }
        Path relative = Path.of(path.replace('\\', '/'));
        if (relative.isAbsolute() || path.startsWith("/") || relative.normalize().startsWith("..")) {
            throw StepArguments.invalid(argument, "'" + path + "' must be a path inside the workspace");
        }
        FilePath file = workspace.child(path);
        // A symbolic link out of the workspace (on the built-in node: to controller files) is not a policy file.
        if (file.exists() && !workspace.isDescendant(path)) {
            throw StepArguments.invalid(argument, "'" + path + "' leads out of the workspace (a symbolic link?)");
        }
        if (!file.exists() || file.isDirectory()) {
            throw new IllegalArgumentException(argument + ": '" + path + "' not found in the workspace "
                    + workspace.getRemote() + " (check it out first, e.g. checkout scm)");
        }
        if (file.length() > MAX_BYTES) {
            throw StepArguments.invalid(argument, "'" + path + "' is larger than " + MAX_BYTES + " bytes; not a"
                    + " policy file");
        }
        return file.readToString();
    }
}
