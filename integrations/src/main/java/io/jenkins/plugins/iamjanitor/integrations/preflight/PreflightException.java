package io.jenkins.plugins.iamjanitor.integrations.preflight;

/** A pre-flight check failed: the message is one line saying what is wrong and what to fix, never a secret. */
public final class PreflightException extends RuntimeException {
    public PreflightException(String message) {
        super(message);
    }

    /** @param cause kept for {@code --verbose} (e.g. the SDK's list of credential providers it tried) */
    public PreflightException(String message, Throwable cause) {
        super(message, cause);
    }
}
