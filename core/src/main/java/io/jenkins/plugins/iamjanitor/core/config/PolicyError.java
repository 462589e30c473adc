package io.jenkins.plugins.iamjanitor.core.config;

/**
 * One problem in a policy file, located so an editor (or a Jenkins form) can point at it.
 *
 * @param source  the file name or "global configuration"
 * @param line    1-based line; 0 when the problem has no single place (e.g. a merge conflict)
 * @param column  1-based column; 0 when unknown
 * @param message what is wrong and what is allowed
 */
public record PolicyError(String source, int line, int column, String message) {
    /** {@code file:line:column: message}, the format compilers use, so editors and CI logs link to the spot. */
    @Override
    public String toString() {
        return source + (line > 0 ? ":" + line + (column > 0 ? ":" + column : "") : "") + ": " + message;
    }
}
