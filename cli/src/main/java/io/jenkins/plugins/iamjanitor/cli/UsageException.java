package io.jenkins.plugins.iamjanitor.cli;

/** A bad combination of options that picocli cannot see: reported in one line, exit code 2. */
final class UsageException extends RuntimeException {
    UsageException(String message) {
        super(message);
    }
}
