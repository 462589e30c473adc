package io.jenkins.plugins.iamjanitor.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/** One CLI invocation with stdout and stderr captured. */
record CliRun(int exitCode, String out, String err) {
    static CliRun run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = IamJanitorCli.run(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), args);
        return new CliRun(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /** One invocation with its own environment (secrets the command reads from it), in place of the process's. */
    static CliRun withEnv(java.util.Map<String, String> env, String... args) {
        java.io.StringWriter out = new java.io.StringWriter();
        java.io.StringWriter err = new java.io.StringWriter();
        int code = IamJanitorCli.newCommandLine(new java.io.PrintWriter(out, true), new java.io.PrintWriter(err, true),
                java.time.Clock.systemUTC(), env).execute(args);
        return new CliRun(code, out.toString(), err.toString());
    }
}
