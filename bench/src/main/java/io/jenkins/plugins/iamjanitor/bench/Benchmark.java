package io.jenkins.plugins.iamjanitor.bench;

import java.io.PrintStream;

/** One benchmark, run as a subcommand of {@link Bench}. Prints progress to {@code log} and its table to {@code out}. */
public interface Benchmark {

    String name();

    /** One line for the usage text, including the options and their defaults. */
    String usage();

    void run(BenchArgs args, PrintStream out, PrintStream log) throws Exception;
}
