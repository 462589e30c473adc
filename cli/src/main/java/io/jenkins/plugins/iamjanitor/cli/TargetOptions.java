package io.jenkins.plugins.iamjanitor.cli;

import java.nio.file.Path;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Either a real AWS account (AWS options) or an in-process sandbox. */
public final class TargetOptions {
    @Option(names = "--sandbox",
            description = "Start the emulators in-process on free loopback ports and run against them.")
    boolean sandbox;

    @Option(names = "--scenario", paramLabel = "FILE",
            description = "Scenario file for --sandbox (default: the built-in scenario).")
    Path scenario;

    @Mixin
    AwsOptions aws = new AwsOptions();
}
